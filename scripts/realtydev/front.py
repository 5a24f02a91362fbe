"""The one address of `make run`, as nginx is in production (docker/).

With workers, Odoo answers HTTP on its http port but websockets (the bus: live
grids, chatter, notifications) only on its gevent port. Browsers reach both through
one address: this front reads each connection's request line and pipes the
connection, unchanged, to the gevent port for /websocket and to the http port for
everything else. Browsers open a connection of its own for a websocket.
"""

import asyncio
import threading

UPSTREAM = "127.0.0.1"


async def _pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def _handle(reader, writer, http_port, websocket_port):
    try:
        request_line = await reader.readuntil(b"\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        writer.close()
        return
    parts = request_line.split(b" ")
    path = parts[1] if len(parts) > 1 else b"/"
    port = websocket_port if path.startswith(b"/websocket") else http_port
    try:
        upstream_reader, upstream_writer = await asyncio.open_connection(UPSTREAM, port)
    except OSError:
        writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
        writer.close()
        return
    upstream_writer.write(request_line)
    await asyncio.gather(_pipe(reader, upstream_writer), _pipe(upstream_reader, writer))


def start_front(host, port, http_port, websocket_port):
    """Serve `host:port` in a daemon thread; returns once it listens."""
    ready = threading.Event()
    failure = []

    async def main():
        try:
            server = await asyncio.start_server(
                lambda r, w: _handle(r, w, http_port, websocket_port), host, port
            )
        except OSError as exc:
            failure.append(exc)
            ready.set()
            return
        ready.set()
        async with server:
            await server.serve_forever()

    threading.Thread(target=lambda: asyncio.run(main()), daemon=True).start()
    ready.wait(10)
    if failure:
        raise failure[0]
