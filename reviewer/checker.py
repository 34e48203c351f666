"""Checking documents: LanguageTool's rules and ours, findings back in document order.

Each document is cut into paragraph blocks of bounded size; blocks from all
documents go through one pool of parallel requests. A failed block is retried
once (after restarting the server if it died); what still fails becomes an
`EngineError` in the report, never a silent gap. LanguageTool's matches and
our rules' hits then go down the same road to findings (reviewer.rules.findings).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from reviewer.cache import ResultCache, open_cache
from reviewer.lt.client import CheckResult, EngineRequestError, LTClient, LTSettings
from reviewer.lt.engine import Engine
from reviewer.lt.server import DEFAULT_START_TIMEOUT
from reviewer.model import EngineError, Finding, Report, assign_ids
from reviewer.rules import languagetool
from reviewer.rules import run as our_rules
from reviewer.rules.findings import Scope, to_finding
from reviewer.rules.glossary import Term
from reviewer.severity import SeverityMap
from reviewer.suppress import Suppressor
from reviewer.text.blocks import DEFAULT_BLOCK_CHARS, Block, document_blocks
from reviewer.text.document import Document
from reviewer.text.lines import LineIndex

Progress = Callable[[int, int], None]


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """Everything that decides how documents are checked (built by reviewer.settings)."""

    languagetool: LTSettings = field(default_factory=LTSettings)
    rules: our_rules.RuleConfig = field(default_factory=our_rules.RuleConfig)
    severities: SeverityMap = field(default_factory=SeverityMap)
    suppress: Suppressor | None = None  # findings dropped after checking (reviewer.suppress)
    glossary: tuple[Term, ...] = ()  # for the bilingual rules
    jobs: int = field(default_factory=default_jobs)
    block_chars: int = DEFAULT_BLOCK_CHARS
    cache_path: Path | None = None  # None: every block is sent (reviewer.cache)
    server: str | None = None  # None: $REVIEWER_SERVER, the background server, or our own
    start_timeout: float = DEFAULT_START_TIMEOUT

    def digest(self) -> str:
        """A short hash of everything that decides the findings (LanguageTool and ours)."""
        rules = self.rules
        blob = json.dumps({
            "languagetool": self.languagetool.to_dict(),
            "pack": {
                "enabled": rules.enabled,
                "disabled": sorted(rules.disabled),
                "disabled_categories": sorted(rules.disabled_categories),
                "options": {k: dict(v) for k, v in sorted(rules.options.items())},
            },
        }, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class _Task:
    doc: int
    block: Block


@dataclass(frozen=True, slots=True)
class _Outcome:
    task: _Task
    result: CheckResult | None
    error: str = ""


class _Requester:
    """Sends blocks through one engine, retrying and recovering as documented."""

    def __init__(self, engine: Engine, settings: LTSettings,
                 cache_path: Path | None = None) -> None:
        self._engine = engine
        self._settings = settings
        self._lock = threading.Lock()
        self._client = engine.client(settings)
        self._generation = engine.generation
        self.cache: ResultCache | None = None
        if cache_path is not None:
            self.cache = open_cache(cache_path, self._client.check, settings.digest())

    def _current(self) -> tuple[LTClient, int]:
        with self._lock:
            if self._generation != self._engine.generation:
                self._client = self._engine.client(self._settings)
                self._generation = self._engine.generation
            return self._client, self._generation

    def __call__(self, task: _Task) -> _Outcome:
        block = task.block
        # Protected runs change the request, so they are part of the cache key.
        key = block.text + ("\x00" + json.dumps(block.markup) if block.markup else "")
        if self.cache is not None and (hit := self.cache.get(key)) is not None:
            return _Outcome(task, hit)
        error = ""
        for _attempt in range(2):
            client, generation = self._current()
            try:
                result = client.check(block.text, block.markup)
                if self.cache is not None:
                    self.cache.put(key, result)
                return _Outcome(task, result)
            except EngineRequestError as exc:
                error = str(exc)
                self._engine.recover(generation)
        return _Outcome(task, None, error)


def check_documents(
    docs: Sequence[Document],
    engine: Engine,
    options: CheckOptions,
    progress: Progress | None = None,
) -> Report:
    """Check every document through `engine` and return one report."""
    tasks = [_Task(i, b) for i, d in enumerate(docs)
             for b in document_blocks(d, options.block_chars)]
    requester = _Requester(engine, options.languagetool, options.cache_path)
    outcomes: list[_Outcome] = []
    try:
        with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
            for outcome in pool.map(requester, tasks):
                outcomes.append(outcome)
                if progress:
                    progress(len(outcomes), len(tasks))
    finally:
        if requester.cache is not None:
            requester.cache.close()
    report = build_report(docs, outcomes, options, engine_info={"name": "LanguageTool"})
    return options.suppress.apply(report, docs) if options.suppress else report


def build_report(
    docs: Sequence[Document],
    outcomes: Iterable[_Outcome],
    options: CheckOptions,
    engine_info: dict[str, str],
) -> Report:
    """One report: LanguageTool's findings and ours, merged, ids assigned per document."""
    theirs: list[list[Finding]] = [[] for _ in docs]
    errors: list[EngineError] = []
    indexes = [LineIndex(d.text) for d in docs]
    version = ""
    for o in outcomes:
        doc, block = docs[o.task.doc], o.task.block
        seg = doc.segments[block.segment] if doc.segments and block.segment >= 0 else None
        scope = Scope(doc, indexes[o.task.doc], seg)
        if o.result is None:
            start, end = scope.to_file(block.start, block.start + len(block.text))
            errors.append(EngineError(doc.path, start, end, scope.index.position(start)[0],
                                      o.error))
            continue
        version = version or o.result.version
        for origin, hit in languagetool.hits(o.result, block):
            f = to_finding(origin, hit, scope, options.severities)
            if not scope.masked(f.start, f.end):
                theirs[o.task.doc].append(f)
    findings = []
    for doc, found, index in zip(docs, theirs, indexes, strict=True):
        ours = our_rules.check_document(doc, options.rules, options.severities, index,
                                        options.glossary)
        findings.extend(assign_ids(our_rules.merge(found, ours), doc.text))
    info = dict(engine_info)
    if version:
        info["version"] = version
    return Report(
        documents=tuple(d.info() for d in docs),
        findings=tuple(sorted(findings)),
        engine_errors=tuple(errors),
        engine=info,
        settings=options.languagetool.to_dict(),
    )
