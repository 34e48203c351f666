"""How requests reach a LanguageTool server: `http.client` on loopback, `requests` elsewhere.

Every local run talks to a server on 127.0.0.1, where the standard library's
`http.client` is all that is needed and costs 16 ms to import against 80 ms
for `requests` (a check of one document is 0.3 s in all). Either is imported
with the first request: a run whose answers all come from the cache sends
none. A remote server (`--server https://...`) goes through `requests`: proxy
variables, TLS and pooled connections. Proxy variables never apply on loopback.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlencode, urlsplit

if TYPE_CHECKING:
    import http.client

    import requests

CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 300.0  # a block of a few thousand characters takes well under a second
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")

_FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
         "Accept": "application/json"}


class TransportError(Exception):
    """The request got no HTTP answer (refused, reset, timed out); the message says which."""


class Transport(Protocol):
    def send(self, method: str, path: str, data: dict[str, str] | None) -> tuple[int, bytes]:
        """The status and body of one request; `data` is the form (POST) or query (GET)."""

    def close(self) -> None:
        """Close this thread's connection (the next request opens another)."""


def transport_for(url: str, timeout: float | None = None) -> Transport:
    """The transport for a server at `url` (scheme, host, port and a path prefix, if any).

    `timeout` bounds connecting and each read (default: 5 s to connect, 300 s to read).
    """
    timeouts = (timeout, timeout) if timeout is not None else (CONNECT_TIMEOUT, READ_TIMEOUT)
    parts = urlsplit(url)
    if parts.scheme == "http" and (parts.hostname or "") in LOOPBACK_HOSTS:
        return Loopback(parts.hostname or "127.0.0.1", parts.port or 80,
                        parts.path.rstrip("/"), timeouts)
    return Remote(url.rstrip("/"), timeouts)


def healthy(url: str, timeout: float) -> bool:
    """Whether the LanguageTool server at `url` answers its health check within `timeout` s."""
    transport = transport_for(url, timeout)
    try:
        status, _ = transport.send("GET", "/v2/healthcheck", None)
    except (TransportError, ValueError):
        return False
    finally:
        transport.close()
    return status == 200


class Loopback:
    """Kept-alive `http.client` connections to one loopback server, one per thread."""

    def __init__(self, host: str, port: int, prefix: str = "",
                 timeouts: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)) -> None:
        self.host, self.port, self.prefix = host, port, prefix
        self.timeouts = timeouts
        self._local = threading.local()

    def send(self, method: str, path: str, data: dict[str, str] | None) -> tuple[int, bytes]:
        import http.client

        path = self.prefix + path
        body = urlencode(data).encode() if data is not None and method == "POST" else None
        if data is not None and method == "GET":
            path = f"{path}?{urlencode(data)}"
        reused = getattr(self._local, "conn", None) is not None
        try:
            return self._exchange(method, path, body)
        except (http.client.HTTPException, OSError) as exc:
            self.close()
            # A kept-alive connection the server has closed since our last request fails
            # at once (reset, or RemoteDisconnected, a ConnectionError too); the request
            # was never read, so one retry is safe.
            if reused and isinstance(exc, ConnectionError):
                try:
                    return self._exchange(method, path, body)
                except (http.client.HTTPException, OSError) as again:
                    self.close()
                    exc = again
            raise TransportError(f"{type(exc).__name__}: {exc}") from None

    def _exchange(self, method: str, path: str, body: bytes | None) -> tuple[int, bytes]:
        conn = self._connection()
        conn.request(method, path, body=body, headers=_FORM)
        response = conn.getresponse()
        payload = response.read()
        if response.will_close:
            self.close()
        return response.status, payload

    def _connection(self) -> http.client.HTTPConnection:
        import http.client

        conn: http.client.HTTPConnection | None = getattr(self._local, "conn", None)
        if conn is None:
            connect, read = self.timeouts
            conn = http.client.HTTPConnection(self.host, self.port, timeout=connect)
            conn.connect()
            if conn.sock is not None:
                conn.sock.settimeout(read)
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            conn.close()


class Remote:
    """`requests` sessions (one per thread) to a server that is not on loopback."""

    def __init__(self, url: str,
                 timeouts: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT)) -> None:
        self.url, self.timeouts = url, timeouts
        self._local = threading.local()

    def send(self, method: str, path: str, data: dict[str, str] | None) -> tuple[int, bytes]:
        import requests  # here: only remote servers pay for it

        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = self._local.session = requests.Session()
        try:
            response = session.request(
                method, f"{self.url}{path}", data=data if method == "POST" else None,
                params=data if method == "GET" else None,
                timeout=self.timeouts)
        except requests.RequestException as exc:
            raise TransportError(f"{type(exc).__name__}: {exc}") from None
        return response.status_code, response.content

    def close(self) -> None:
        session = getattr(self._local, "session", None)
        self._local.session = None
        if session is not None:
            session.close()
