"""A simulated city filing system (网签备案系统) on loopback, for the tests and demo.

A real HTTP service (Python's ``http.server``, standard library only) that files
subscriptions and contracts, cancels filings, and misbehaves on request: it rejects
with a reason, times out, answers twice, and goes down. It keeps its own log of the
requests it received and the filings it made, which the tests count.

Run it for the demo adapter (its endpoint is ``http://127.0.0.1:8071``)::

    python addons/realty_filing/tools/simulated_authority.py --port 8071

or start it from Python (the tests)::

    authority = SimulatedAuthority(token="secret").start()   # port 0: any free port
    authority.url          # http://127.0.0.1:<port>
    authority.stop()

The filing API
--------------
``POST /api/filings`` with ``Authorization: Bearer <token>``, ``Idempotency-Key``
and a JSON (``application/json``) or XML (``application/xml``) body holding
``kind`` (``subscription``, ``contract`` or ``cancellation``), ``data`` (the
filing's fields; ``room_code`` and ``project`` identify the room) and, for a
cancellation, ``filing_number``. The answer is in the request's format:
``status`` (``accepted`` or ``rejected``), ``filing_number``, ``reason`` and the
request's ``idempotency_key``; ``replayed`` is true when the key was seen before,
and the first answer is given again: a key is filed once, whatever the retries.
A room already filed is refused (``房屋已网签``): the authority never files a room
twice either. 401 without the token, 503 while down.

The control API (no token: loopback only)
-----------------------------------------
* ``POST /control/next`` ``{"mode": m, "count": n, "reason": r, "delay": s}``: the
  next `n` filing requests are handled with mode `m`, their answers `delay` seconds
  late: ``accept``, ``reject`` (with `reason`), ``timeout`` (filed, and the answer
  later than the client waits: give a `delay`), ``twice`` (filed, and the answer
  written twice on the connection: the copy goes out just before the answer to the
  next request on it, which reads it first, as behind a confused proxy);
* ``POST /control/down`` ``{"requests": n}`` or ``{"seconds": s}``: 503 meanwhile;
* ``POST /control/reset``: forget everything;
* ``GET /control/log``: ``{"requests": [...], "filings": [...]}``.
"""

import argparse
import itertools
import json
import sys
import threading
import time
import xml.etree.ElementTree as ET  # our own client's bodies, on loopback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODES = ("accept", "reject", "timeout", "twice")


class SimulatedAuthority:
    """The service and its state; `start()` serves it in a daemon thread."""

    def __init__(self, host="127.0.0.1", port=0, token="demo-token", prefix="HZWQ"):
        self.token = token
        self.prefix = prefix
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer((host, port), _Handler)
        self._server.daemon_threads = True
        self._server.block_on_close = False
        self._server.authority = self
        self._thread = None
        self.reset()

    # ------------------------------------------------------------- lifecycle
    @property
    def url(self):
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self):
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="simulated-filing-authority",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        if self._thread:
            self._thread.join(timeout=5)

    # ---------------------------------------------------------------- state
    def reset(self):
        with self._lock:
            self.filings = {}  # idempotency key -> filing
            self.rooms = {}  # (project, room code) -> filing number
            self.numbers = {}  # filing number -> idempotency key
            self.requests = []
            self.script = []  # [(mode, reason, delay)] for the next requests
            self.down_requests = 0
            self.down_until = 0.0
            self._sequence = itertools.count(1)

    def plan(self, mode, count=1, reason="", delay=0.0):
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}")
        with self._lock:
            self.script += [(mode, reason, float(delay))] * int(count)

    def go_down(self, requests=0, seconds=0.0):
        with self._lock:
            self.down_requests = int(requests)
            self.down_until = time.monotonic() + float(seconds) if seconds else 0.0

    def log(self):
        with self._lock:
            return {
                "requests": [dict(r) for r in self.requests],
                "filings": [
                    {k: v for k, v in f.items() if k != "payload"}
                    for f in self.filings.values()
                ],
            }

    # -------------------------------------------------------------- filing
    def handle_filing(self, key, document):
        """``(status, answer, mode, delay)`` for a filing request."""
        with self._lock:
            record = {"key": key, "time": time.time(), "kind": document.get("kind")}
            self.requests.append(record)
            if self.down_requests > 0 or time.monotonic() < self.down_until:
                self.down_requests = max(self.down_requests - 1, 0)
                record["outcome"] = "down"
                return 503, {"status": "unavailable"}, "accept", 0.0
            if key in self.filings:  # the same request again: the same answer
                record["outcome"] = "replayed"
                answer = dict(self.filings[key]["answer"], replayed=True)
                return self.filings[key]["status"], answer, "accept", 0.0
            mode, reason, delay = (
                self.script.pop(0) if self.script else ("accept", "", 0)
            )
            room = None
            if mode == "reject":
                status, answer = 422, {"status": "rejected", "reason": reason}
            else:
                status, answer, room = self._file(key, document)
            answer["idempotency_key"] = key
            self.filings[key] = {
                "key": key,
                "kind": document.get("kind"),
                "status": status,
                "answer": answer,
                "filing_number": answer.get("filing_number"),
                "room": room,
                "payload": document,
            }
            record["outcome"] = answer["status"]
            return status, dict(answer, replayed=False), mode, delay

    def _file(self, key, document):
        kind = document.get("kind")
        data = document.get("data") or {}
        if kind == "cancellation":
            number = document.get("filing_number")
            original = self.filings.get(self.numbers.get(number, ""))
            if not original or original.get("cancelled"):
                return 422, _rejected("备案号不存在或已注销"), None
            original["cancelled"] = True
            room = original.get("room")
            if room and self.rooms.get(room) == number:
                del self.rooms[room]
            return 200, self._number(key, "ZX"), None
        if kind not in ("subscription", "contract"):
            return 422, _rejected("未知的备案类型"), None
        room = None
        if kind == "contract" and data.get("room_code"):
            room = f"{data.get('project', '')}/{data['room_code']}"
            if room in self.rooms:
                return 422, _rejected("房屋已网签"), None
        answer = self._number(key, "HT" if kind == "contract" else "RG")
        if room:
            self.rooms[room] = answer["filing_number"]
        return 200, answer, room

    def _number(self, key, kind_code):
        number = f"{self.prefix}{kind_code}{next(self._sequence):08d}"
        self.numbers[number] = key
        return {"status": "accepted", "filing_number": number}


def _rejected(reason):
    return {"status": "rejected", "reason": reason}


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real system's front end
    server_version = "SimulatedFilingAuthority/1.0"

    @property
    def authority(self):
        return self.server.authority

    def log_message(self, format, *args):
        """Quiet: the authority keeps its own log."""

    def _body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _raw(self, status, answer, fmt="json"):
        if fmt == "xml":
            root = ET.Element("answer")
            for name, value in answer.items():
                ET.SubElement(root, name).text = (
                    str(value).lower() if isinstance(value, bool) else str(value)
                )
            body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
            content_type = "application/xml"
        else:
            body = json.dumps(answer, ensure_ascii=False).encode()
            content_type = "application/json"
        head = (
            f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
            f"Content-Type: {content_type}; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        ).encode("latin-1")
        return head + body

    def _send(self, status, answer, fmt="json"):
        self.wfile.write(self._raw(status, answer, fmt))
        self.wfile.flush()

    def do_GET(self):
        if self.path == "/control/log":
            self._send(200, {"log": json.dumps(self.authority.log())})
            return
        self._send(404, {"status": "not_found"})

    def do_POST(self):
        body = self._body()
        if self.path.startswith("/control/"):
            self._control(self.path[len("/control/") :], body)
            return
        if self.path != "/api/filings":
            self._send(404, {"status": "not_found"})
            return
        fmt = "xml" if "xml" in (self.headers.get("Content-Type") or "") else "json"
        if self.headers.get("Authorization") != f"Bearer {self.authority.token}":
            self._send(401, {"status": "unauthorized"}, fmt)
            return
        key = self.headers.get("Idempotency-Key") or ""
        document = _parse(fmt, body)
        if not key or document is None:
            self._send(400, {"status": "rejected", "reason": "请求格式错误"}, fmt)
            return
        status, answer, mode, delay = self.authority.handle_filing(key, document)
        raw = self._raw(status, answer, fmt)
        try:
            if delay:
                time.sleep(delay)  # filed; the answer comes late (timeout: too late)
            duplicate, self.duplicate = getattr(self, "duplicate", None), None
            if duplicate:  # the answer of the previous request, once more
                self.wfile.write(duplicate)
            self.wfile.write(raw)
            self.wfile.flush()
        except OSError:
            self.close_connection = True  # the client gave up waiting
            return
        if mode == "twice":
            # written again before the next answer on this connection: whoever
            # sends the next request on it reads this answer first
            self.duplicate = raw

    def _control(self, command, body):
        try:
            args = json.loads(body or b"{}")
            if command == "next":
                self.authority.plan(
                    args.get("mode", "accept"),
                    count=args.get("count", 1),
                    reason=args.get("reason", ""),
                    delay=args.get("delay", 0),
                )
            elif command == "down":
                self.authority.go_down(args.get("requests", 0), args.get("seconds", 0))
            elif command == "reset":
                self.authority.reset()
            else:
                self._send(404, {"status": "not_found"})
                return
        except (ValueError, TypeError) as exc:
            self._send(400, {"status": "bad_request", "reason": str(exc)})
            return
        self._send(200, {"status": "ok"})


def _parse(fmt, body):
    try:
        if fmt == "json":
            document = json.loads(body)
            return document if isinstance(document, dict) else None
        root = ET.fromstring(body)
    except (ValueError, ET.ParseError):
        return None
    document = {child.tag: child for child in root}
    data = document.get("data")
    return {
        "kind": (document["kind"].text or "") if "kind" in document else "",
        "filing_number": (document["filing_number"].text or "")
        if "filing_number" in document
        else "",
        "data": {child.tag: child.text or "" for child in data}
        if data is not None
        else {},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8071)
    parser.add_argument("--token", default="demo-token")
    args = parser.parse_args(argv)
    authority = SimulatedAuthority(args.host, args.port, args.token)
    sys.stdout.write(f"Simulated filing authority on {authority.url} (Ctrl-C stops)\n")
    sys.stdout.flush()
    try:
        authority._server.serve_forever()
    except KeyboardInterrupt:
        sys.stdout.write("stopped\n")
    finally:
        authority._server.server_close()


if __name__ == "__main__":
    main()
