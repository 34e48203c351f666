"""Who may ask `reviewer serve` anything, and the headers every answer carries.

- Token: a random token in the printed URL is required for every request.
  The first request brings it in the query; the answer sets it as a cookie
  (HttpOnly, SameSite=Strict, named after the port: cookies are per host,
  not per port) and redirects to the same URL without it, so it does not
  stay in the address bar or the history.
- Host: on loopback, only `127.0.0.1`, `localhost` and `[::1]` with the
  server's port are answered, so a web page whose name was made to point at
  127.0.0.1 (DNS rebinding) gets nothing.
- POST: only with an `Origin` header equal to the server's own origin (and
  `Sec-Fetch-Site: same-origin` where the browser sends it) and a JSON body:
  no other site's page or form can decide, even with the cookie.
- Every answer: a Content-Security-Policy (the live page sets its own), no
  framing, no MIME sniffing, no referrer, no caching.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode

from starlette.datastructures import Headers
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_PARAM = "token"
SAFE_METHODS = ("GET", "HEAD")
DEFAULT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
HEADERS = (
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("x-frame-options", "DENY"),
    ("cache-control", "no-store"),
    ("cross-origin-resource-policy", "same-origin"),
)
NO_TOKEN = ("403 Forbidden: no or wrong access token. Open the URL `reviewer serve` printed "
            "(it carries the token).\n")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def loopback_hosts(port: int) -> frozenset[str]:
    """The Host header values a browser sends for this server on loopback."""
    return frozenset(f"{h}:{port}" for h in ("127.0.0.1", "localhost", "[::1]"))


@dataclass(frozen=True, slots=True)
class Policy:
    """`token` None: no token (refused off loopback); `hosts` None: any Host header."""

    token: str | None
    cookie: str
    hosts: frozenset[str] | None

    def refusal(self, method: str, headers: Headers, cookie: str | None,
                query_token: str | None) -> tuple[int, str]:
        """(status, reason) to refuse a request with, or (0, "") to let it through."""
        host = headers.get("host", "")
        if self.hosts is not None and host not in self.hosts:
            return 403, f"403 Forbidden: this server answers to {sorted(self.hosts)[0]}, " \
                        f"not {host or 'no Host header'}.\n"
        if self.token is not None:
            given = query_token if query_token is not None else cookie
            if given is None or not secrets.compare_digest(given.encode(), self.token.encode()):
                return 403, NO_TOKEN
        if method in SAFE_METHODS:
            return 0, ""
        if method != "POST":
            return 405, "405 Method Not Allowed\n"
        if headers.get("origin") != f"http://{host}":
            return 403, ("403 Forbidden: a POST must come from this server's own pages "
                         f"(Origin {headers.get('origin') or 'missing'}).\n")
        if headers.get("sec-fetch-site", "same-origin") != "same-origin":
            return 403, "403 Forbidden: cross-site request.\n"
        if headers.get("content-type", "").split(";")[0].strip() != "application/json":
            return 415, "415 Unsupported Media Type: decisions are JSON.\n"
        return 0, ""


class Guard:
    """ASGI middleware: applies a `Policy` to every request and headers to every answer."""

    def __init__(self, app: ASGIApp, policy: Policy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no websockets here
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = Headers(scope=scope)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        status, reason = self.policy.refusal(
            scope["method"], headers, _cookie(headers, self.policy.cookie),
            query.get(TOKEN_PARAM))
        response: Response | None = None
        if status:
            response = PlainTextResponse(reason, status)
        elif TOKEN_PARAM in query and scope["method"] in SAFE_METHODS:
            response = self._welcome(scope["path"], query)
        wrapped = _with_headers(send)
        if response is not None:
            await response(scope, receive, wrapped)
        else:
            await self.app(scope, receive, wrapped)

    def _welcome(self, path: str, query: dict[str, str]) -> Response:
        """The first visit: the token becomes a cookie; the URL loses it."""
        rest = urlencode({k: v for k, v in query.items() if k != TOKEN_PARAM})
        response = RedirectResponse(same_origin(path) + (f"?{rest}" if rest else ""),
                                    status_code=303)
        if self.policy.token is not None:
            response.set_cookie(self.policy.cookie, self.policy.token, httponly=True,
                                samesite="strict", path="/")
        return response


def same_origin(path: str) -> str:
    """A request's (decoded) path as a redirect target on this server, whatever it holds.

    `//evil.example/x` is another site to a browser, and so are `/\\evil.example`
    and `/<TAB>/evil.example` (browsers read a backslash as a slash and drop
    tabs and newlines): one leading slash, every other unsafe character escaped.
    """
    return "/" + quote(path.lstrip("/\\"), safe="/")


def _cookie(headers: Headers, name: str) -> str | None:
    for part in headers.get("cookie", "").split(";"):
        key, sep, value = part.strip().partition("=")
        if sep and key == name:
            return value
    return None


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            raw: list[tuple[bytes, bytes]] = list(message.get("headers", []))
            present = {k.lower() for k, _ in raw}
            extra: Iterable[tuple[str, str]] = (
                *HEADERS, ("content-security-policy", DEFAULT_POLICY))
            for k, v in extra:
                if k.encode() not in present:
                    raw.append((k.encode(), v.encode()))
            message = {**message, "headers": raw}
        await send(message)

    return wrapped
