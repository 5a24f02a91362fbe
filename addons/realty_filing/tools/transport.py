"""The HTTP exchange with a city filing system, without the ORM.

One :class:`Exchange` serves one run of the queue: it keeps one keep-alive
connection per city system, so 200 filings do not open 200 connections, and it
turns every way a request can end into an :class:`Answer` the queue records
(``answer``, ``timeout``, ``unavailable``, ``error``); it never raises for the
network. Bodies are JSON or XML (:func:`render_body`, :func:`parse_body`).
"""

import http.client
import json
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

FORMATS = ("json", "xml")
CONTENT_TYPES = {"json": "application/json", "xml": "application/xml"}
_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class Answer:
    """How one request ended.

    :ivar outcome: ``answer`` (the system answered, any 2xx/4xx status),
        ``unavailable`` (5xx, or the connection refused: nothing was received),
        ``timeout`` (no answer in time: the system may have filed it) or ``error``
        (anything else on the way).
    """

    outcome: str
    status: int = 0
    body: bytes = b""
    detail: str = ""
    duration_ms: int = 0


class Exchange:
    """Keep-alive connections to the city systems, for one run of the queue."""

    def __init__(self):
        self._connections = {}

    def close(self):
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def drop(self, url):
        """Forget the connection to `url`'s system (after a stray answer: what is
        still in its socket belongs to nobody)."""
        connection = self._connections.pop(self._origin(url), None)
        if connection is not None:
            connection.close()

    @staticmethod
    def _origin(url):
        parts = urlsplit(url)
        return parts.scheme, parts.hostname, parts.port

    def _connection(self, url, timeout):
        origin = self._origin(url)
        connection = self._connections.get(origin)
        if connection is None:
            scheme, host, port = origin
            factory = (
                http.client.HTTPSConnection
                if scheme == "https"
                else http.client.HTTPConnection
            )
            connection = self._connections[origin] = factory(
                host, port, timeout=timeout
            )
            connection.realty_used = False
        connection.timeout = timeout
        if connection.sock is not None:
            connection.sock.settimeout(timeout)
        return connection

    def post(self, url, body, headers, timeout):
        """POST `body` to `url`; an :class:`Answer`, whatever happens."""
        started = time.monotonic()
        answer = self._post(url, body, headers, timeout, retry_stale=True)
        answer.duration_ms = int((time.monotonic() - started) * 1000)
        return answer

    def _post(self, url, body, headers, timeout, retry_stale):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return Answer("error", detail=f"not an http(s) address: {url}")
        path = parts.path or "/"
        if parts.query:
            path = f"{path}?{parts.query}"
        connection = self._connection(url, timeout)
        reused = connection.realty_used
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except TimeoutError as exc:
            self.drop(url)
            return Answer("timeout", detail=str(exc) or "no answer in time")
        except ConnectionRefusedError as exc:
            self.drop(url)
            return Answer("unavailable", detail=str(exc))
        except (http.client.RemoteDisconnected, ConnectionResetError) as exc:
            self.drop(url)
            if reused and retry_stale:
                # a keep-alive connection the system closed while idle: nothing
                # was received, the request goes again on a new connection
                return self._post(url, body, headers, timeout, retry_stale=False)
            return Answer("error", detail=f"{type(exc).__name__}: {exc}")
        except (OSError, http.client.HTTPException) as exc:
            self.drop(url)
            return Answer("error", detail=f"{type(exc).__name__}: {exc}")
        connection.realty_used = True
        if response.will_close:
            self.drop(url)
        if response.status >= 500:
            return Answer("unavailable", response.status, data, response.reason)
        return Answer("answer", response.status, data, response.reason)


def render_body(fmt, document):
    """`document` (a dict of scalars, dicts and lists of dicts) as JSON or XML
    bytes; in XML, the root is ``<filing>`` and a list ``buyers`` holds
    ``<item>`` elements."""
    if fmt == "json":
        return json.dumps(document, ensure_ascii=False, sort_keys=True).encode()
    root = etree.Element("filing")
    _xml_fill(root, document)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True)


def _xml_fill(element, value):
    if isinstance(value, dict):
        for key, item in value.items():
            _xml_fill(etree.SubElement(element, str(key)), item)
    elif isinstance(value, list | tuple):
        for item in value:
            _xml_fill(etree.SubElement(element, "item"), item)
    elif value is not None and value is not False:
        element.text = str(value)


def parse_body(fmt, data):
    """The answer's top-level values as a dict of strings (JSON values are kept
    as they are); ``{}`` for a body that is not a document of `fmt`."""
    if not data:
        return {}
    if fmt == "json":
        try:
            value = json.loads(data)
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}
    try:
        root = etree.fromstring(data, parser=_XML_PARSER)
    except etree.XMLSyntaxError:
        return {}
    return {child.tag: (child.text or "").strip() for child in root}
