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
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from reviewer import confidence
from reviewer.cache import ResultCache, open_cache
from reviewer.learn import Learned
from reviewer.lt import custom
from reviewer.lt.client import CheckResult, EngineRequestError, LTSettings
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
    server: tuple[str, ...] = ()  # none: $REVIEWER_SERVER, the background server, or ours
    start_timeout: float = DEFAULT_START_TIMEOUT
    min_confidence: float = 0.0  # findings below are left out of the report (counted)
    learned: Learned | None = None  # editors' decisions per rule (reviewer.learn)

    def digest(self) -> str:
        """A short hash of everything that decides the findings (LanguageTool and ours)."""
        rules = self.rules
        blob = json.dumps({
            "languagetool": self.languagetool.to_dict(),
            "pattern_rules": custom.digest(),
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


def _key(block: Block) -> str:
    # Protected runs change the request, so they are part of the cache key.
    return block.text + ("\x00" + json.dumps(block.markup) if block.markup else "")


def _cache(engine: Engine, options: CheckOptions) -> ResultCache | None:
    if options.cache_path is None:
        return None
    # Answers depend on our pattern rules too: a changed rule file is a new scope.
    scope = f"{options.languagetool.digest()}+{custom.digest()}"
    return open_cache(options.cache_path, engine.version, scope)


def check_documents(
    docs: Sequence[Document],
    engine: Engine,
    options: CheckOptions,
    progress: Progress | None = None,
) -> Report:
    """Check every document through `engine` and return one report.

    Blocks the cache answers are not sent; when some are, our JVM (if the
    engine owns one) is launched first and our rules run while LanguageTool
    works on the requests.
    """
    tasks = [_Task(i, b) for i, d in enumerate(docs)
             for b in document_blocks(d, options.block_chars)]
    cache = _cache(engine, options)
    outcomes: list[_Outcome | None] = [None] * len(tasks)
    todo = []
    for n, task in enumerate(tasks):
        hit = cache.get(_key(task.block)) if cache is not None else None
        if hit is not None:
            outcomes[n] = _Outcome(task, hit)
        else:
            todo.append(n)
    done = len(tasks) - len(todo)
    pool = ThreadPoolExecutor(max_workers=max(1, options.jobs))
    try:
        if todo:
            engine.launch()
        futures = {pool.submit(_send, engine, options.languagetool, tasks[n]): n for n in todo}
        ours = [our_rules.check_document(d, options.rules, options.severities,
                                         glossary=options.glossary) for d in docs]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes[futures[future]] = outcome
            if cache is not None and outcome.result is not None:
                cache.put(_key(outcome.task.block), outcome.result)
            done += 1
            if progress:
                progress(done, len(tasks))
    except BaseException:
        # Ctrl-C, SIGTERM: leave the queued blocks; the engine's exit stops the requests.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown()
    finally:
        if cache is not None:
            cache.close()
    report = build_report(docs, [o for o in outcomes if o is not None], ours, options,
                          engine_info={"name": "LanguageTool"})
    if options.suppress:
        report = options.suppress.apply(report, docs)
    return report.above(options.min_confidence)


def _send(engine: Engine, settings: LTSettings, task: _Task) -> _Outcome:
    try:
        return _Outcome(task, engine.check(task.block.text, task.block.markup, settings))
    except EngineRequestError as exc:
        return _Outcome(task, None, str(exc))


def build_report(
    docs: Sequence[Document],
    outcomes: Iterable[_Outcome],
    ours: Sequence[list[Finding]],
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
    model = confidence.load_model()
    for doc, found, mine in zip(docs, theirs, ours, strict=True):
        merged = confidence.with_confidence(our_rules.merge(found, mine), doc.text, doc.segments,
                                            model)
        if options.learned is not None:
            merged = options.learned.adjust(merged)
        findings.extend(assign_ids(merged, doc.text))
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
