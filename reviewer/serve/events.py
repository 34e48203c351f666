"""Server-sent events: every open page of a review hears what changed in it.

Events (`event:` name, JSON `data:`), per review key:

- `hello` {version, pages}: on connecting; a page whose version differs reloads its data;
- `decided` {prev, version, items, revs, by, client}: decisions taken; a page at `prev`
  takes the items, any other page reloads its data;
- `changed` {version}: the review file changed outside this server (`reviewer decide`...);
- `rechecked` {version, by, kept, new, obsolete, reopened}: a re-check rewrote the review;
- `notice` {text}: the document on disk and the review differ (or agree again: "");
- `note` {text}: something worth a line on every page (a re-check started, an apply).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

RETRY_MS = 1000  # how soon a browser reconnects after losing the stream
PING_SECONDS = 15.0  # a comment line now and then shows a dead connection
# Events waiting for one page. A page that falls this far behind (it stopped
# reading) is dropped: its stream ends, and a browser that reconnects hears
# `hello` with the current version and reloads what it missed.
QUEUE_BOUND = 256


def message(event: str, data: dict[str, Any]) -> str:
    """One event in the text/event-stream format (JSON never holds a raw newline)."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


class Hub:
    """The open event streams, by review key. Lives in the server's event loop."""

    def __init__(self) -> None:
        self._queues: dict[str, set[asyncio.Queue[str | None]]] = {}
        self._closed = False

    def pages(self, key: str) -> int:
        """How many pages of review `key` are listening."""
        return len(self._queues.get(key, ()))

    def subscribe(self, key: str) -> asyncio.Queue[str | None]:
        # One place more than the bound: room for the None that ends the stream.
        queue: asyncio.Queue[str | None] = asyncio.Queue(QUEUE_BOUND + 1)
        if self._closed:
            queue.put_nowait(None)
        self._queues.setdefault(key, set()).add(queue)
        return queue

    def unsubscribe(self, key: str, queue: asyncio.Queue[str | None]) -> None:
        self._queues.get(key, set()).discard(queue)

    def publish(self, key: str, event: str, data: dict[str, Any]) -> None:
        text = message(event, data)
        for queue in tuple(self._queues.get(key, ())):
            if queue.qsize() < QUEUE_BOUND:
                queue.put_nowait(text)
            else:
                self._drop(key, queue)

    def _drop(self, key: str, queue: asyncio.Queue[str | None]) -> None:
        """Stop feeding a page that does not read: what waits for it goes, its stream ends."""
        self.unsubscribe(key, queue)
        while not queue.empty():
            queue.get_nowait()
        queue.put_nowait(None)

    def close(self) -> None:
        """End every stream (the server is stopping), so their connections can close."""
        self._closed = True
        for queues in self._queues.values():
            for queue in queues:
                queue.put_nowait(None)

    async def stream(self, key: str, queue: asyncio.Queue[str | None],
                     hello: dict[str, Any]) -> AsyncIterator[str]:
        """The event stream of one page, from its `hello` until the page or server goes."""
        try:
            yield f"retry: {RETRY_MS}\n\n"
            yield message("hello", hello)
            while True:
                try:
                    text = await asyncio.wait_for(queue.get(), PING_SECONDS)
                except TimeoutError:
                    yield ": ping\n\n"
                    continue
                if text is None:
                    return
                yield text
        finally:
            self.unsubscribe(key, queue)
