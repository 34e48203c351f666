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
# Characters of events waiting for one page (a decision's event is about a
# kilobyte, Accept all of 10,000 a few megabytes). A page that falls this far
# behind (it stopped reading) is dropped: its stream ends, and a browser that
# reconnects hears `hello` with the current version and reloads what it missed.
WAITING_BOUND = 32 * 1024 * 1024


def message(event: str, data: dict[str, Any]) -> str:
    """One event in the text/event-stream format (JSON never holds a raw newline)."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


class Listener:
    """One page's event stream: the events waiting to be sent to it, and their size.

    None in the queue ends the stream.
    """

    def __init__(self) -> None:
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()
        self.waiting = 0  # characters in the queue

    def put(self, text: str) -> bool:
        """Queue `text`; False (nothing queued) when the bound would be passed."""
        if self.waiting + len(text) > WAITING_BOUND:
            return False
        self.waiting += len(text)
        self.queue.put_nowait(text)
        return True

    def end(self, drop: bool) -> None:
        """End the stream after what waits, or at once (`drop`: what waits goes)."""
        while drop and not self.queue.empty():
            self.queue.get_nowait()
        if drop:
            self.waiting = 0
        self.queue.put_nowait(None)

    async def get(self, timeout: float) -> str | None:
        """The next event (None: the end); TimeoutError after `timeout` seconds without one."""
        text = await asyncio.wait_for(self.queue.get(), timeout)
        self.waiting -= len(text or "")
        return text


class Hub:
    """The open event streams, by review key. Lives in the server's event loop."""

    def __init__(self) -> None:
        self._listeners: dict[str, set[Listener]] = {}
        self._closed = False

    def pages(self, key: str) -> int:
        """How many pages of review `key` are listening."""
        return len(self._listeners.get(key, ()))

    def subscribe(self, key: str) -> Listener:
        listener = Listener()
        if self._closed:
            listener.end(drop=False)
        self._listeners.setdefault(key, set()).add(listener)
        return listener

    def unsubscribe(self, key: str, listener: Listener) -> None:
        self._listeners.get(key, set()).discard(listener)

    def publish(self, key: str, event: str, data: dict[str, Any]) -> None:
        text = message(event, data)
        for listener in tuple(self._listeners.get(key, ())):
            if not listener.put(text):  # a page that does not read: it is fed no more
                self.unsubscribe(key, listener)
                listener.end(drop=True)

    def close(self) -> None:
        """End every stream (the server is stopping), so their connections can close."""
        self._closed = True
        for listeners in self._listeners.values():
            for listener in listeners:
                listener.end(drop=False)

    async def stream(self, key: str, listener: Listener,
                     hello: dict[str, Any]) -> AsyncIterator[str]:
        """The event stream of one page, from its `hello` until the page or server goes."""
        try:
            yield f"retry: {RETRY_MS}\n\n"
            yield message("hello", hello)
            while True:
                try:
                    text = await listener.get(PING_SECONDS)
                except TimeoutError:
                    yield ": ping\n\n"
                    continue
                if text is None:
                    return
                yield text
        finally:
            self.unsubscribe(key, listener)
