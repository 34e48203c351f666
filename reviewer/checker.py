"""Checking documents with LanguageTool: blocks out, findings back in document order.

Each document is cut into paragraph blocks of bounded size; blocks from all
documents go through one pool of parallel requests. A failed block is retried
once (after restarting the server if it died); what still fails becomes an
`EngineError` in the report, never a silent gap.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from reviewer import bilingual, confidence
from reviewer.bilingual.glossary import Term
from reviewer.cache import ResultCache, open_cache
from reviewer.document import Block, Document, LineIndex, utf16_to_codepoints
from reviewer.engine import Engine
from reviewer.lt.client import CheckResult, EngineRequestError, LTClient, RawMatch, Settings
from reviewer.model import EngineError, Finding, Report, assign_ids
from reviewer.severity import SeverityMap
from reviewer.suppress import Suppressor
from reviewer.tqa import pack as rule_pack

CONTEXT = 40
Progress = Callable[[int, int], None]


def default_jobs() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass
class CheckOptions:
    settings: Settings = field(default_factory=Settings)
    severities: SeverityMap = field(default_factory=SeverityMap)
    jobs: int = field(default_factory=default_jobs)
    block_chars: int = 4000
    cache_path: Path | None = None  # None: every block is sent (reviewer.cache)
    suppress: Suppressor | None = None  # findings dropped after checking (reviewer.suppress)
    pack: rule_pack.PackConfig = field(default_factory=rule_pack.PackConfig)  # TQA_* rules
    glossary: tuple[Term, ...] = ()  # for the bilingual checks (reviewer.bilingual)

    def digest(self) -> str:
        """A short hash of everything that decides the findings (LanguageTool and pack)."""
        pack = self.pack
        blob = json.dumps({
            "languagetool": self.settings.to_dict(),
            "pack": {
                "enabled": pack.enabled,
                "disabled": sorted(pack.disabled),
                "disabled_categories": sorted(pack.disabled_categories),
                "options": {k: dict(v) for k, v in sorted(pack.options.items())},
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

    def __init__(self, engine: Engine, settings: Settings, cache_path: Path | None = None) -> None:
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
        if self.cache is not None and (hit := self.cache.get(task.block.text)) is not None:
            return _Outcome(task, hit)
        error = ""
        for _attempt in range(2):
            client, generation = self._current()
            try:
                result = client.check(task.block.text)
                if self.cache is not None:
                    self.cache.put(task.block.text, result)
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
    tasks = [_Task(i, b) for i, d in enumerate(docs) for b in d.blocks(options.block_chars)]
    requester = _Requester(engine, options.settings, options.cache_path)
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
    per_doc: list[list[Finding]] = [[] for _ in docs]
    errors: list[EngineError] = []
    indexes = [LineIndex(d.text) for d in docs]
    version = ""
    for o in outcomes:
        doc = docs[o.task.doc]
        b = o.task.block
        if o.result is None:
            start, end, _ = doc.place(b, 0, len(b.text))
            line = indexes[o.task.doc].position(start)[0]
            errors.append(EngineError(doc.path, start, end, line, o.error))
            continue
        version = version or o.result.version
        table = utf16_to_codepoints(b.text)
        found = (to_finding(m, doc, b, table, indexes[o.task.doc], options.severities)
                 for m in o.result.matches)
        per_doc[o.task.doc].extend(f for f in found if not doc.masked(f.start, f.end, b.segment))
    # The rule pack runs on whole documents, in the language LanguageTool checks;
    # the bilingual checks on documents whose segments carry a source.
    tqa = replace(options.pack, language=options.settings.language)
    off = tqa.disabled | tqa.disabled_categories
    per_doc = [
        rule_pack.merge(fs, _pack_findings(d, tqa, options.severities, index))
        + bilingual.check_document(d, options.glossary, options.severities, off)
        for d, fs, index in zip(docs, per_doc, indexes, strict=True)
    ]
    model = confidence.load_model()
    per_doc = [confidence.with_confidence(fs, d.text, d.segments, model)
               for d, fs in zip(docs, per_doc, strict=True)]
    findings = [f for d, fs in zip(docs, per_doc, strict=True) for f in assign_ids(fs, d.text)]
    info = dict(engine_info)
    if version:
        info["version"] = version
    return Report(
        documents=tuple(d.info() for d in docs),
        findings=tuple(sorted(findings)),
        engine_errors=tuple(errors),
        engine=info,
        settings=options.settings.to_dict(),
    )


def _pack_findings(
    doc: Document, config: rule_pack.PackConfig, severities: SeverityMap, index: LineIndex
) -> list[Finding]:
    """The rule pack on a whole plain document, or on each segment mapped back."""
    if doc.segments is None:
        return rule_pack.check_document(doc, config, severities, index)
    out = []
    for seg in doc.segments:
        for rule, hit in rule_pack.run(seg.text, config):
            start, end = seg.to_file(hit.start, hit.end)
            if not seg.masks(start, end):
                f = rule_pack.to_finding(rule, replace(hit, start=start, end=end), doc, index,
                                         severities)
                out.append(replace(f, unit=seg.unit))
    return out


def to_finding(
    m: RawMatch,
    doc: Document,
    block: Block,
    table: list[int] | None,
    index: LineIndex,
    severities: SeverityMap,
) -> Finding:
    """Turn a server match into a finding with code-point spans in the document.

    `table` is `utf16_to_codepoints(block.text)`, computed once per block.
    """
    if table is None:
        start, end = m.offset, m.offset + m.length
    else:
        start, end = table[m.offset], table[min(m.offset + m.length, len(table) - 1)]
    start, end, unit = doc.place(block, start, end)
    line, column = index.position(start)
    end_line, end_column = index.position(end)
    text = doc.text
    return Finding(
        path=doc.path,
        start=start,
        end=end,
        rule_id=m.rule_id,
        id="",
        sub_id=m.sub_id,
        source="languagetool",
        category=m.category,
        issue_type=m.issue_type,
        severity=severities.severity(m.rule_id, m.category, m.issue_type),
        message=m.message,
        short_message=m.short_message,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        text=text[start:end],
        context=text[max(0, start - CONTEXT) : end + CONTEXT],
        sentence=m.sentence,
        replacements=m.replacements,
        url=m.url,
        unit=unit,
    )
