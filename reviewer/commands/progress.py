"""Progress of long runs: a bar on stderr (tqdm) on a terminal, nothing anywhere else.

The bar appears only on a terminal, never in CI logs or pipes (`CI` set, or
stderr not a TTY), never with `--quiet`, and only for work that lasts (it
waits `DELAY` seconds before it first draws). Lines printed while it is shown
go through `note`, above the bar.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from reviewer.checker import Progress

DELAY = 1.0  # seconds before the bar first draws: short runs print nothing


def wanted(quiet: bool = False) -> bool:
    """True when a bar helps: on a terminal, outside CI, not quiet."""
    return not quiet and sys.stderr.isatty() and not os.environ.get("CI")


class RunProgress:
    """A run over `documents` documents: one bar of blocks (one document) or of documents.

    `blocks` is the checker's callback (blocks done of the current check);
    `document` counts a document as done.
    """

    def __init__(self, documents: int, enabled: bool) -> None:
        self.several = documents > 1
        self._bar: Any = None  # tqdm: typed by no stub of its own
        if enabled:
            from tqdm import tqdm  # only a terminal draws a bar

            self._bar = tqdm(total=documents if self.several else None, file=sys.stderr,
                             unit=" documents" if self.several else " blocks",
                             dynamic_ncols=True, delay=DELAY, leave=False)

    def blocks(self, done: int, total: int) -> None:
        bar = self._bar
        if bar is None:
            return
        if self.several:
            bar.set_postfix_str(f"blocks {done}/{total}", refresh=False)
            bar.refresh()
        else:
            bar.total = total
            bar.update(done - bar.n)

    def document(self, name: str) -> None:
        if self._bar is not None and self.several:
            self._bar.set_description_str(name, refresh=False)
            self._bar.update(1)

    def note(self, line: str) -> None:
        """Print `line` on stderr, above the bar when one is shown."""
        if self._bar is not None:
            self._bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def blocks_bar(enabled: bool | None = None) -> Progress | None:
    """A checker callback that shows blocks done of one check, or None when not `wanted`."""
    if not (wanted() if enabled is None else enabled):
        return None
    progress = RunProgress(1, True)

    def show(done: int, total: int) -> None:
        progress.blocks(done, total)
        if done == total:
            progress.close()

    return show
