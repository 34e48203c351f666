"""`reviewer review DOC --interactive`: walk the pending suggestions in the terminal.

Keys: `a` accept, `1`-`9` accept that alternative, `e` edit (then type the
replacement and Enter), `r` reject, `s` skip, `q` quit. Each decision is saved
at once, under the review file's lock; starting again resumes at the first
suggestion still pending. On a terminal a key needs no Enter; from a pipe
each line is one key (and the line after `e` is the replacement).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from reviewer.clock import stamp
from reviewer.commands.list_cmd import render
from reviewer.exitcodes import ExitCode
from reviewer.review.record import ReviewFile, ReviewFileError
from reviewer.review.store import load, update
from reviewer.review.suggest import Decision, Status, Suggestion
from reviewer.review.trust import document_text

KEYS = "[a]ccept  [1-9] alternative  [e]dit  [r]eject  [s]kip  [q]uit"


def read_key(inp: TextIO) -> str:
    """One key: without Enter on a terminal, else the first character of a line ("" at EOF)."""
    if inp.isatty() and sys.platform == "win32":  # no termios: the console reads one key
        import msvcrt

        return msvcrt.getwch()
    if inp.isatty():
        import termios
        import tty

        fd = inp.fileno()
        saved = termios.tcgetattr(fd)
        try:
            tty.setcbreak(fd, termios.TCSANOW)  # TCSAFLUSH would drop keys typed ahead
            return os.read(fd, 1).decode("utf-8", "replace")
        finally:
            termios.tcsetattr(fd, termios.TCSADRAIN, saved)
    line = inp.readline()
    if not line:
        return ""
    return line.strip()[:1] or " "


def _decision(s: Suggestion, key: str, inp: TextIO, out: TextIO, by: str) -> Decision | None:
    at = stamp()
    if key == "a":
        return Decision(id=s.id, status=Status.ACCEPTED, choice=0, by=by, at=at)
    if key.isdigit() and key != "0":
        return Decision(id=s.id, status=Status.ACCEPTED, choice=int(key) - 1, by=by, at=at)
    if key == "r":
        return Decision(id=s.id, status=Status.REJECTED, by=by, at=at)
    if key == "e":
        out.write(f"replacement for {s.finding.text!r}: ")
        out.flush()
        line = inp.readline()
        if not line:
            return None
        return Decision(id=s.id, status=Status.EDITED, edited_text=line.rstrip("\r\n"),
                        by=by, at=at)
    return None


def walk(path: Path, inp: TextIO, out: TextIO, by: str) -> int:
    """Ask for a decision on each pending suggestion of the review file at `path`."""
    try:
        review = load(path)
    except ReviewFileError as exc:
        out.write(f"reviewer: {exc}\n")
        return ExitCode.USAGE
    pending = [s.id for s in review.suggestions if s.status is Status.PENDING]
    text = document_text(review, path)
    color = out.isatty() and not os.environ.get("NO_COLOR")
    decided = 0
    for n, sid in enumerate(pending, 1):
        current = {s.id: s for s in load(path).suggestions}.get(sid)
        if current is None or current.status is not Status.PENDING:
            continue  # decided elsewhere meanwhile
        out.write(f"\n[{n}/{len(pending)}] {render(current, color, text)}\n{KEYS} > ")
        out.flush()
        while True:
            key = read_key(inp)
            if key in ("", "q"):
                out.write(f"\nstopped: {decided} decided, {len(pending) - decided} to go "
                          f"(run again to resume)\n")
                return ExitCode.OK
            if key == "s":
                out.write("skipped\n")
                break
            d = _decision(current, key, inp, out, by)
            if d is None:
                out.write(f"\n{KEYS} > ")
                out.flush()
                continue
            try:
                update(path, _taking(d))
            except (ReviewFileError, ValueError) as exc:
                out.write(f"not saved: {exc}\n{KEYS} > ")
                out.flush()
                continue
            decided += 1
            out.write(f"{d.status.value}\n")
            break
    out.write(f"\ndone: {decided} decided in this session\n")
    return ExitCode.OK


def _taking(d: Decision) -> Callable[[ReviewFile | None], ReviewFile]:
    def take(review: ReviewFile | None) -> ReviewFile:
        if review is None:
            raise ValueError("the review file is gone")
        return review.decide([d], "interactive")

    return take
