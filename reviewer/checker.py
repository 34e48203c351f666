"""Checking documents: LanguageTool's rules and ours, findings back in document order.

A document whose bytes, settings and code are unchanged since a run that
cached it is taken whole from the cache (reviewer.cache), before any work.
The others are cut into paragraph blocks of bounded size; blocks the cache
does not answer go through one pool of parallel requests, sized per server.
While LanguageTool works, our rules run, answers are turned into findings as
they arrive, and a document whose blocks are all answered is finished (merged,
scored, given ids). A failed block is retried once (after restarting the
server if it died); what still fails becomes an `EngineError` in the report,
never a silent gap. LanguageTool's matches and our rules' hits go down the
same road to findings (reviewer.rules.findings).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from reviewer import confidence
from reviewer.cache import ResultCache, open_cache
from reviewer.confidence.model import Model
from reviewer.inputs import registry as input_formats
from reviewer.learn import Learned
from reviewer.lt import custom
from reviewer.lt.client import CheckResult, EngineRequestError, LTSettings
from reviewer.lt.engine import Engine
from reviewer.lt.server import DEFAULT_START_TIMEOUT
from reviewer.model import EngineError, Finding, Report, assign_ids
from reviewer.rules import RULES, languagetool
from reviewer.rules import run as our_rules
from reviewer.rules.findings import Scope, to_finding
from reviewer.rules.glossary import Term
from reviewer.rules.variants import document_variant, refuted
from reviewer.severity import SeverityMap
from reviewer.suppress import Suppressor
from reviewer.text.blocks import DEFAULT_BLOCK_CHARS, Block, document_blocks
from reviewer.text.document import Document
from reviewer.text.lines import LineIndex

Progress = Callable[[int, int], None]

# Rules whose findings carry their own model's probability as the confidence.
SCORED = frozenset(r.id for r in RULES.values() if r.scored)


def default_jobs() -> int:
    """Requests in flight per server: two per core.

    One per core left LanguageTool idle while each answer travelled back and the next
    request was made: 0.52x raw LanguageTool's throughput on 1 MB (bench/scale.py
    throughput), and -j 4 beat -j 2 on 2 cores. LanguageTool queues the extra request,
    so a second per core costs the server nothing.
    """
    return max(1, 2 * (os.cpu_count() or 1))


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
    # Speller findings on names and local terms lowered below the threshold; None: off.
    names: confidence.NameModel | None = field(default_factory=confidence.NameModel)
    # The settings that decide the findings made (reviewer.config.Decides.FINDINGS), as plain
    # values by key: in the documents cache's digest, whichever option they build.
    decided_by: Mapping[str, Any] = field(default_factory=dict)

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

    def findings_digest(self) -> str:
        """`digest` and the rest of what decides a document's findings (not suppression,
        editors' decisions or the confidence threshold, which are applied afterwards)."""
        blob = json.dumps({
            "settings": self.digest(),
            "severities": [sorted(self.severities.rules.items()),
                           sorted(self.severities.categories.items())],
            "glossary": [(t.source, t.targets) for t in self.glossary],
            "block_chars": self.block_chars,
            "names": None if self.names is None else sorted(self.names.extra),
            "decided_by": self.decided_by,
        }, sort_keys=True, default=str)
        return hashlib.sha256(blob.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class _Task:
    doc: int
    block: Block
    settings: LTSettings  # the run's, with the document's variant when the language is `en`


@dataclass(frozen=True, slots=True)
class _Outcome:
    task: _Task
    result: CheckResult | None
    error: str = ""


@dataclass
class _Pending:
    """One document on its way: LanguageTool's findings so far, and blocks still out."""

    doc: Document
    settings: LTSettings  # with the document's variant when the language is `en`
    refuted: frozenset[str]  # LanguageTool rules the document's own spelling answers
    key: str  # in the cache's documents table ("" when not cached)
    scope_index: LineIndex
    features: confidence.DocumentFeatures
    blocks_out: int = 0
    theirs: list[Finding] = field(default_factory=list)
    ours: list[Finding] | None = None
    errors: list[EngineError] = field(default_factory=list)
    findings: list[Finding] | None = None  # when finished


def _key(task: _Task) -> str:
    # The variant and the protected runs change the request, so they are part of the key.
    block = task.block
    return (task.settings.language + "\x00" + block.text
            + ("\x00" + json.dumps(block.markup) if block.markup else ""))


def _prose(doc: Document) -> str:
    return doc.text if doc.segments is None else "\n".join(s.text for s in doc.segments)


def document_digest(doc: Document) -> str:
    """What a document's findings depend on besides settings and code: its bytes, its
    format and, for a pair (`--source`), each segment's source."""
    h = hashlib.sha256(doc.raw)
    h.update(b"\0" + doc.format.encode())
    for seg in doc.segments or ():
        if seg.has_source:
            h.update(b"\0" + seg.source.encode())
    return h.hexdigest()


def _cache(engine: Engine, options: CheckOptions) -> ResultCache | None:
    if options.cache_path is None:
        return None
    # Answers depend on our pattern rules too: a changed rule file is a new scope.
    scope = f"{options.languagetool.digest()}+{custom.digest()}"
    return open_cache(options.cache_path, engine.version, scope,
                      findings_digest=options.findings_digest())


def check_documents(
    docs: Sequence[Document],
    engine: Engine,
    options: CheckOptions,
    progress: Progress | None = None,
) -> Report:
    """Check every document through `engine` and return one report.

    Documents and blocks the cache answers are not checked again; when some
    block must be sent, our JVM (if the engine owns one) is launched first.
    """
    cache = _cache(engine, options)
    try:
        findings, errors, version = _check(docs, engine, options, cache, progress)
    finally:
        if cache is not None:
            cache.close()
    info = {"name": "LanguageTool"}
    version = version or (cache.version if cache is not None else "")
    if version:
        info["version"] = version
    report = Report(
        documents=tuple(d.info() for d in docs),
        findings=tuple(sorted(findings)),
        engine_errors=tuple(errors),
        engine=info,
        settings=options.languagetool.to_dict(),
    )
    if options.suppress:
        report = options.suppress.apply(report, docs)
    return report.above(options.min_confidence)


def _only_markup(block: Block) -> bool:
    """True when protected runs cover the whole block: every finding there would be dropped
    (it touches one), so it is not sent (a 1 MB token is 250 such blocks: 2.7 s)."""
    covered = 0
    for start, end, _ in block.markup:
        if start > covered:
            return False
        covered = max(covered, end)
    return covered >= len(block.text)


def _check(
    docs: Sequence[Document],
    engine: Engine,
    options: CheckOptions,
    cache: ResultCache | None,
    progress: Progress | None,
) -> tuple[list[Finding], list[EngineError], str]:
    findings: list[Finding] = []
    pending: dict[int, _Pending] = {}
    for i, doc in enumerate(docs):
        key = cache.document_key(document_digest(doc)) if cache is not None else ""
        known = cache.findings(key, doc.path) if cache is not None else None
        if known is not None:
            findings.extend(_learned(known, options))
        else:
            prose = _prose(doc)
            settings = replace(options.languagetool,
                               language=document_variant(options.languagetool.language, prose))
            # The document's own spelling answers some of LanguageTool's rules: ours, so
            # only with our rules on (plain LanguageTool stays plain).
            answered = (refuted(prose, settings.language) if options.rules.enabled
                        else frozenset())
            pending[i] = _Pending(doc, settings, answered, key,
                                  LineIndex(doc.text),
                                  confidence.DocumentFeatures(doc.text, doc.segments))
    tasks = [_Task(i, b, p.settings) for i, p in pending.items()
             for b in document_blocks(p.doc, options.block_chars) if not _only_markup(b)]
    for t in tasks:
        pending[t.doc].blocks_out += 1
    answers = [cache.get(_key(t)) if cache is not None else None for t in tasks]
    todo = [n for n, a in enumerate(answers) if a is None]
    version = ""
    pool = ThreadPoolExecutor(max_workers=max(1, options.jobs) * engine.size() if todo else 1)
    try:
        if todo:
            engine.launch(sum(len(tasks[n].block.text) for n in todo))
        futures = {pool.submit(_send, engine, tasks[n]): n for n in todo}
        # Everything below overlaps with LanguageTool's work on the requests.
        for n, answer in enumerate(answers):
            if answer is not None:
                version = version or answer.version
                _take(pending, _Outcome(tasks[n], answer), options)
        for p in pending.values():
            p.ours = our_rules.check_document(p.doc, options.rules, options.severities,
                                              p.scope_index, options.glossary,
                                              language=p.settings.language)
            p.features.add(p.ours)
        model = confidence.load_model()
        _finish_ready(pending, model, cache, options.names)
        done = len(tasks) - len(todo)
        for future in as_completed(futures):
            outcome = future.result()
            if outcome.result is not None:
                version = version or outcome.result.version
                if cache is not None:
                    cache.put(_key(outcome.task), outcome.result)
            _take(pending, outcome, options)
            _finish_ready(pending, model, cache, options.names)
            done += 1
            if progress:
                progress(done, len(tasks))
    except BaseException:
        # Ctrl-C, SIGTERM: leave the queued blocks; the engine's exit stops the requests.
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    errors: list[EngineError] = []
    for p in pending.values():
        assert p.findings is not None
        findings.extend(_learned(p.findings, options))
        errors.extend(p.errors)
    return findings, errors, version


def _learned(findings: list[Finding], options: CheckOptions) -> list[Finding]:
    # Editors' decisions change between runs of one document: applied after the cache.
    return findings if options.learned is None else options.learned.adjust(findings)


def _send(engine: Engine, task: _Task) -> _Outcome:
    try:
        return _Outcome(task, engine.check(task.block.text, task.block.markup, task.settings))
    except EngineRequestError as exc:
        return _Outcome(task, None, str(exc))


def _take(pending: dict[int, _Pending], o: _Outcome, options: CheckOptions) -> None:
    """One block's answer as findings of its document (or an engine error)."""
    p = pending[o.task.doc]
    p.blocks_out -= 1
    doc, block = p.doc, o.task.block
    seg = doc.segments[block.segment] if doc.segments and block.segment >= 0 else None
    scope = Scope(doc, p.scope_index, seg)
    if o.result is None:
        start, end = scope.to_file(block.start, block.start + len(block.text))
        p.errors.append(EngineError(doc.path, start, end, scope.index.position(start)[0],
                                    o.error))
        return
    found = [f for f in (to_finding(origin, hit, scope, options.severities)
                         for origin, hit in languagetool.match_hits(o.result, block))
             if not scope.masked(f.start, f.end) and f.rule_id not in p.refuted]
    p.theirs.extend(found)
    p.features.add(found)  # the confidence's features, while LanguageTool works


def _finish_ready(pending: dict[int, _Pending], model: Model, cache: ResultCache | None,
                  names: confidence.NameModel | None) -> None:
    """Finish every document whose blocks are all answered: merge, score, give ids."""
    for p in pending.values():
        if p.findings is not None or p.blocks_out or p.ours is None:
            continue
        merged = input_formats.annotate(p.doc, our_rules.merge_findings(p.theirs, p.ours))
        scored = confidence.with_confidence(merged, p.doc.text, p.doc.segments, model,
                                            p.features, names, SCORED)
        p.findings = assign_ids(scored, p.doc.text)
        p.theirs, p.ours = [], []
        if cache is not None and not p.errors:
            cache.put_findings(p.key, p.findings)
