"""The HTTP face of a `Site`: Starlette routes, each a thin call into the site.

    GET  /                    the served reviews (one review: straight to its page)
    GET  /r/{key}             the live page (the report's template and script)
    GET  /r/{key}/events      server-sent events for that page
    POST /r/{key}/decide      decisions (JSON), answered with what was recorded
    POST /r/{key}/recheck     re-review the document on disk
    POST /r/{key}/apply       write the corrected document
    GET  /health              "ok" (needs the token like everything else)

`{key}` is looked up in the table of served reviews; nothing from a request
is ever used as a path.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from reviewer.codec import RecordError, decode_plain
from reviewer.html.render import live_policy
from reviewer.review.record import ReviewFileError
from reviewer.serve.decisions import clean_name
from reviewer.serve.security import Guard, Policy
from reviewer.serve.site import Entry, Site

MAX_BODY = 4 * 1024 * 1024  # bytes of one request body; larger ones are refused (413)


class _NotServed(Exception):
    pass


class BadBody(Exception):
    """A request body refused before it is used: `status` and one line for the page."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def build_app(site: Site, policy: Policy) -> Guard:
    """The ASGI application: the routes behind the `Guard`."""

    def entry(request: Request) -> Entry:
        found = site.entries.get(str(request.path_params["key"]))
        if found is None:
            raise _NotServed
        return found

    async def index(request: Request) -> Response:
        if len(site.entries) == 1:
            return RedirectResponse(f"/r/{next(iter(site.entries))}", status_code=303)
        return HTMLResponse(await asyncio.to_thread(site.index))

    async def page(request: Request) -> Response:
        e = entry(request)
        try:
            html = await asyncio.to_thread(site.page, e.served.key)
        except ReviewFileError as exc:
            return PlainTextResponse(f"{exc}\n", 500)
        return HTMLResponse(html, headers={"content-security-policy": live_policy()})

    async def events(request: Request) -> Response:
        key = entry(request).served.key
        listener = site.hub.subscribe(key)  # before the hello: nothing falls in between
        try:
            hello = await asyncio.to_thread(site.hello, key)
        except ReviewFileError as exc:
            site.hub.unsubscribe(key, listener)
            return PlainTextResponse(f"{exc}\n", 500)
        return StreamingResponse(site.hub.stream(key, listener, hello),
                                 media_type="text/event-stream",
                                 headers={"x-accel-buffering": "no"})

    async def decide(request: Request) -> Response:
        key = entry(request).served.key
        reply = await site.decide(key, await _json(request))
        return JSONResponse(reply.data, reply.status)

    async def recheck(request: Request) -> Response:
        key = entry(request).served.key
        body = await _json(request)
        reply = await site.recheck(key, clean_name(body.get("by")) or site.user)
        return JSONResponse(reply.data, reply.status)

    async def apply(request: Request) -> Response:
        key = entry(request).served.key
        body = await _json(request)
        reply = await site.apply(key, clean_name(body.get("by")) or site.user)
        return JSONResponse(reply.data, reply.status)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok\n")

    async def not_served(request: Request, exc: Exception) -> Response:
        return PlainTextResponse("404 Not Found: no such review here\n", 404)

    async def bad_body(request: Request, exc: Exception) -> Response:
        return JSONResponse({"error": str(exc)}, exc.status if isinstance(exc, BadBody) else 400)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        watcher = asyncio.create_task(site.watch_files())
        try:
            yield
        finally:
            watcher.cancel()

    app = Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/health", health, methods=["GET"]),
            Route("/r/{key}", page, methods=["GET"]),
            Route("/r/{key}/events", events, methods=["GET"]),
            Route("/r/{key}/decide", decide, methods=["POST"]),
            Route("/r/{key}/recheck", recheck, methods=["POST"]),
            Route("/r/{key}/apply", apply, methods=["POST"]),
        ],
        exception_handlers={_NotServed: not_served, BadBody: bad_body},
        lifespan=lifespan,
    )
    return Guard(app, policy)


async def _body(request: Request) -> bytes:
    """The request's body, or BadBody (413) once it is over MAX_BODY.

    A Content-Length over it is refused before a byte is read; a body without
    one (chunked) is read as it comes, and refused as soon as it passes the limit.
    """
    too_large = BadBody(413, f"the request body is larger than {MAX_BODY:,} bytes")
    declared = request.headers.get("content-length", "")
    if len(declared) > len(str(MAX_BODY)) or (declared.isdigit() and int(declared) > MAX_BODY):
        raise too_large
    chunks: list[bytes] = []
    total = 0
    try:
        async for chunk in request.stream():
            total += len(chunk)
            if total > MAX_BODY:
                raise too_large
            chunks.append(chunk)
    except ClientDisconnect:  # gone before the end of its body: the answer goes nowhere
        raise BadBody(400, "the request body ended early") from None
    return b"".join(chunks)


async def _json(request: Request) -> dict[str, Any]:
    """The request's JSON object ({} for no body), or BadBody saying what is wrong with it."""
    body = await _body(request)
    try:
        data = decode_plain(body or b"{}")
    except RecordError as exc:  # corrupt or truncated JSON, or JSON nested too deeply
        raise BadBody(400, f"the request body is {exc}") from None
    if not isinstance(data, dict):
        raise BadBody(400, "the request body must be a JSON object")
    return data
