"""The live review site without HTTP: pages, decisions, Re-check, Apply, watching files.

Every answer is read from the review files and every decision written to
them at once; what a `Site` remembers between requests is derived from the
files (their versions, and the text a review was made of, kept so that marks
still fit after the document is edited on disk) and can be lost at any time.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer.clock import stamp, utc_now
from reviewer.codec import plain
from reviewer.html.index import IndexRow, index_row, render_index
from reviewer.html.render import render
from reviewer.html.view import Live, item_data, page_from_review
from reviewer.review.record import ReviewFile, ReviewFileError
from reviewer.review.suggest import Suggestion
from reviewer.review.trust import Refusal, choose_document, default_output
from reviewer.serve import jobs
from reviewer.serve.decisions import Conflict, clean_name, parse, take
from reviewer.serve.events import Hub
from reviewer.serve.jobs import JobError
from reviewer.serve.served import Served, ServeError, document_of, file_version, read, revisions
from reviewer.serve.worker import Worker
from reviewer.settings import Settings
from reviewer.text.document import InputError, read_document

POLL_SECONDS = 0.5  # how often files are looked at: changes show within a second
Signature = tuple[int, int, int] | None


@dataclass(frozen=True, slots=True)
class Reply:
    """An answer to a page: HTTP status and JSON body."""

    status: int
    data: dict[str, Any]


@dataclass(frozen=True, slots=True)
class DocumentState:
    """The text a page shows, whether marks fit it, and what the page must be told."""

    text: str
    marked: bool
    notice: str
    sha256: str  # of the document on disk ("" when it cannot be read)


class Entry:
    """What the site knows of one served review between requests (derived, never saved)."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.lock = asyncio.Lock()  # one writer at a time in this process, events in order
        self.version = ""
        self.document = served.document
        self.review_sig: Signature = None
        self.doc_sig: Signature = None
        self.doc_settled = False
        self.reviewed_text: tuple[str, str] | None = None  # (sha256, text) the review was made of
        self.checked_at = ""
        self.rechecking = False
        self.watched_sha = ""
        self.notice = ""


def _signature(path: str | Path) -> Signature:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _brief(s: Suggestion) -> dict[str, str]:
    return {"id": s.id, "rule": s.finding.rule_id, "text": s.finding.text}


def _clock() -> str:
    return utc_now().astimezone().strftime("%H:%M:%S")


class Site:
    """The served reviews and everything a page can ask of them.

    `settings` are those of `reviewer review` for Re-check; `engine` the engine
    settings by name (server, jobs, start_timeout) that Apply's re-check adds to
    the settings a review file records, as `reviewer apply` does.
    """

    def __init__(self, served: tuple[Served, ...], *, settings: Settings,
                 engine: Mapping[str, Any], user: str, watch: bool, hub: Hub, worker: Worker,
                 log: Callable[[str], None] = print) -> None:
        self.entries = {s.key: Entry(s) for s in served}
        self.settings = settings
        self.engine = engine
        self.user = user
        self.watch = watch
        self.hub = hub
        self.worker = worker
        self._log = log
        self._tasks: set[asyncio.Task[Reply]] = set()

    def log(self, text: str) -> None:
        self._log(f"{_clock()} {text}")

    def prime(self) -> None:
        """Note every review's version, and the reviewed text where the document has it."""
        for entry in self.entries.values():
            entry.review_sig = _signature(entry.served.path)
            review, entry.version = read(entry.served.path)
            text = self._read_document(review, entry.served.path)
            if isinstance(text, tuple):
                entry.reviewed_text = text

    # Pages --------------------------------------------------------------------------
    @staticmethod
    def _read_document(review: ReviewFile, review_path: Path
                       ) -> tuple[str, str] | InputError | Refusal:
        """(sha256, text) of the document `review` may show, or why it cannot be read.

        The document is chosen at every read as `reviewer apply` chooses it
        (reviewer.review.trust): a document missing at start-up may have
        appeared since as a link out of the working folder.
        """
        try:
            doc = read_document(choose_document(review, review_path, None).path)
        except (InputError, Refusal) as exc:
            return exc
        return doc.sha256, doc.text

    def _document(self, entry: Entry, review: ReviewFile) -> DocumentState:
        """The text to show for `review`, and what the page must say about it."""
        path = entry.document
        kept = entry.reviewed_text
        reviewed = kept[1] if kept and kept[0] == review.document_sha256 else None
        how = (" It is re-checked automatically (--watch)." if self.watch
               else " Re-check to review the new text.")
        doc = self._read_document(review, entry.served.path)
        if not isinstance(doc, tuple):
            notice = (f"Cannot read the document: {doc}. Paths in a review file are relative "
                      "to the folder `reviewer review` ran in: start `reviewer serve` there.")
            return DocumentState(reviewed or "", reviewed is not None, notice, "")
        sha, text = doc
        if sha == review.document_sha256:
            entry.reviewed_text = doc
            return DocumentState(text, True, "", sha)
        if reviewed is not None:
            return DocumentState(reviewed, True, f"{path} changed on disk since this review: "
                                 f"the page shows the text as it was reviewed.{how}", sha)
        return DocumentState(text, False, f"{path} changed on disk since this review, so "
                             f"its suggestions cannot be marked in the text.{how}", sha)

    def page(self, key: str) -> str:
        """The live page of review `key` (blocking: reads files)."""
        entry = self.entries[key]
        path = entry.served.path
        review, current = read(path)
        state = self._document(entry, review)
        live = Live(
            base=f"/r/{key}",
            review_file=str(path),
            corrected=str(default_output(path, review.document_path)),
            user=self.user,
            version=current,
            revs=revisions(review),
            marked=state.marked,
            notice=state.notice,
        )
        return render(page_from_review(review, state.text, entry.checked_at), live=live)

    def index(self) -> str:
        """The list of served reviews: reviewer review's index page, linked to live pages."""
        rows = []
        for key, entry in self.entries.items():
            try:
                review, _ = read(entry.served.path)
            except ReviewFileError as exc:
                rows.append(IndexRow(entry.document or key, f"/r/{key}",
                                     str(entry.served.path), None, str(exc)))
                continue
            state = self._document(entry, review)
            rows.append(index_row(review, state.text, f"/r/{key}", str(entry.served.path),
                                  state.notice))
        return render_index(rows, "reviewer serve: documents under review")

    def hello(self, key: str) -> dict[str, Any]:
        """The first event of a page's stream (blocking: reads the review file)."""
        return {"version": file_version(self.entries[key].served.path),
                "pages": self.hub.pages(key)}

    # Decisions ----------------------------------------------------------------------
    async def decide(self, key: str, body: Any) -> Reply:
        """Take the decisions of a page; 409 with the current suggestions on a conflict."""
        entry = self.entries[key]
        fields = body if isinstance(body, dict) else {}
        by = clean_name(fields.get("by")) or self.user
        client = clean_name(fields.get("client"))[:32]
        try:
            requests = parse(body, by, stamp())
        except ValueError as exc:
            return Reply(400, {"error": str(exc)})
        async with entry.lock:
            try:
                taken = await asyncio.to_thread(take, entry.served.path, requests)
            except Conflict as exc:
                now = {s.id: s for s in exc.review.suggestions}
                current = exc.version
                self.log(f"{by}: conflict on {', '.join(exc.ids)} in {entry.served.path}, "
                         "nothing recorded")
                return Reply(409, {
                    "error": f"{exc}: nothing recorded", "prev": current, "version": current,
                    "conflicts": [item_data(now[i]) for i in exc.ids],
                    "revs": revisions(exc.review)})
            except ValueError as exc:
                return Reply(422, {"error": f"{exc}: nothing recorded"})
            except ReviewFileError as exc:
                return Reply(500, {"error": str(exc)})
            ids = list(dict.fromkeys(r.decision.id for r in requests))
            now = {s.id: s for s in taken.after.suggestions}
            revs = revisions(taken.after)
            entry.version = taken.version
            update: dict[str, Any] = {
                "prev": taken.prev, "version": taken.version, "by": by, "client": client,
                "items": [item_data(now[i]) for i in ids], "revs": {i: revs[i] for i in ids}}
            self.hub.publish(key, "decided", update)
        what = ", ".join(f"{r.decision.id[:8]} {r.decision.status.value}" for r in requests[:5])
        more = f" and {len(requests) - 5} more" if len(requests) > 5 else ""
        self.log(f"{by}: {what}{more} in {entry.served.path}")
        return Reply(200, update)

    # Re-check and Apply -------------------------------------------------------------
    async def recheck(self, key: str, by: str) -> Reply:
        """Review the document on disk again, as `reviewer review` does; tell every page.

        `by` is who asked; "" when --watch saw the document change.
        """
        entry = self.entries[key]
        path = entry.served.path
        if entry.rechecking:
            return Reply(409, {"error": f"{entry.document or path} is being re-checked already"})
        entry.rechecking = True
        try:
            document = document_of((await asyncio.to_thread(read, path))[0], path)
            note = (f"{by} started a re-check of {document}\u2026" if by else
                    f"{document} changed on disk: re-checking it (--watch)\u2026")
            self.hub.publish(key, "note", {"text": note})
            self.log(f"{by or 'watch'}: re-check of {document}")
            done = await self.worker.run(
                lambda server: jobs.recheck(self.settings, document, path, server))
        except JobError as exc:
            self.hub.publish(key, "note", {"text": f"The re-check failed: {exc}"})
            self.log(f"re-check failed: {exc}")
            return Reply(503, {"error": str(exc)})
        except (ReviewFileError, ServeError) as exc:
            return Reply(500, {"error": str(exc)})
        finally:
            entry.rechecking = False
        entry.reviewed_text = (done.review.document_sha256, done.text)
        entry.checked_at = stamp()
        entry.watched_sha = done.review.document_sha256
        entry.notice = ""
        by_id = {s.id: s for s in done.review.suggestions}
        current = await asyncio.to_thread(file_version, path)
        payload: dict[str, Any] = {
            "version": current,
            "by": by,
            "kept": len(done.kept),
            "new": [_brief(by_id[i]) for i in done.new],
            "obsolete": [_brief(by_id[i]) for i in done.obsolete],
            "reopened": [_brief(by_id[i]) for i in done.reopened],
        }
        async with entry.lock:
            entry.version = current
            self.hub.publish(key, "rechecked", payload)
        self.log(f"re-checked {document}: {len(done.kept)} kept, {len(done.obsolete)} obsolete, "
                 f"{len(done.new)} new")
        return Reply(200, payload)

    async def apply(self, key: str, by: str) -> Reply:
        """Write the corrected document as `reviewer apply` does (never in place).

        The corrected text is re-checked first; when a fix regressed, nothing
        is written and the page says which.
        """
        path = self.entries[key].served.path
        try:
            done = await self.worker.run(lambda server: jobs.apply(self.engine, path, server))
        except JobError as exc:
            return Reply(422, {"error": str(exc)})
        who, n = by or "Someone", done.applied
        what = f"{n} correction{'s' if n != 1 else ''}"
        text = (f"{who} applied {what}: {done.target}" if done.written else
                f"{who} tried to apply {what}: {done.target} not written, "
                f"{done.regressed} fix(es) regressed")
        self.hub.publish(key, "note", {"text": text})
        self.log(text)
        return Reply(200, plain(done))

    # Watching the files -------------------------------------------------------------
    async def watch_files(self) -> None:
        """Look at every review file and document twice a second, until cancelled.

        A review file changed by someone else (`reviewer decide`, a second
        server) reaches every page; a document changed on disk gets a notice,
        and with --watch a re-check once it has stopped changing.
        """
        while True:
            for key, entry in self.entries.items():
                try:
                    await self._look(key, entry)
                except (OSError, ReviewFileError) as exc:
                    self.log(f"{entry.served.path}: {exc}")
            await asyncio.sleep(POLL_SECONDS)

    async def _look(self, key: str, entry: Entry) -> None:
        path = entry.served.path
        sig = _signature(path)
        if sig != entry.review_sig:
            entry.review_sig = sig
            async with entry.lock:
                v = await asyncio.to_thread(file_version, path)
                if v != entry.version:
                    entry.version = v
                    review = (await asyncio.to_thread(read, path))[0]
                    try:
                        entry.document = document_of(review, path)
                    except ServeError as exc:  # a review file now naming what it must not
                        self.log(str(exc))
                    self.hub.publish(key, "changed", {"version": v})
        doc_sig = _signature(entry.document) if entry.document else None
        if doc_sig != entry.doc_sig:  # changing: look again once it has settled
            entry.doc_sig, entry.doc_settled = doc_sig, False
            return
        if entry.doc_settled or entry.rechecking:
            return
        entry.doc_settled = True
        review, _ = await asyncio.to_thread(read, path)
        state = await asyncio.to_thread(self._document, entry, review)
        if state.notice != entry.notice:
            entry.notice = state.notice
            self.hub.publish(key, "notice", {"text": state.notice})
        stale = state.sha256 and state.sha256 != review.document_sha256
        if self.watch and stale and state.sha256 != entry.watched_sha:
            entry.watched_sha = state.sha256
            task = asyncio.create_task(self.recheck(key, ""))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
