"""Checking evaluation sentences the way `reviewer check` checks a document.

Sentences are detokenised and joined by blank lines into one `Document` per
batch (by default one sentence per document: the sets are judged sentence by
sentence, and MLQE-PE and JFLEG sentences are unrelated); the batches go through
`reviewer.checker.check_documents` against one engine, and every finding's
span is mapped back to its sentence and to the tokens it touches.

With source sentences (MLQE-PE's Russian), each batch is a bilingual PO file
instead, one entry per sentence (msgid the source, msgstr the translation),
read the way `reviewer check x.po` reads it: the source/target checks run and
findings carry the segment's source.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from reviewer import config
from reviewer.checker import CheckOptions, check_documents
from reviewer.commands.common import add_check_options, overrides
from reviewer.confidence.features import locate
from reviewer.inputs import po
from reviewer.inputs.registry import load as load_input
from reviewer.lt import custom
from reviewer.lt.client import LTSettings
from reviewer.lt.engine import Engine
from reviewer.model import Finding, Report, Severity
from reviewer.pipelines.session import options_for
from reviewer.rules.run import RuleConfig
from reviewer.settings import resolve
from reviewer.text.document import Document, parse_document

from .datasets import Sentence
from .detok import Detokenised, detokenise
from .metrics import Detection

SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Batch:
    """One document made of several sentences, and where each sentence starts in it.

    `starts` are offsets in the text of a plain document; a PO document holds
    one segment per sentence instead (`starts` is then empty). Both are read
    in their input format, as `reviewer check` reads a file.
    """

    document: Document
    starts: tuple[int, ...]
    first: int  # index of the batch's first sentence in the data set

    def place(self, f: Finding) -> tuple[int, int, int]:
        """(sentence index in the data set, start, end) of a finding, within its sentence."""
        if self.starts:
            k = bisect.bisect_right(self.starts, f.start) - 1
            return self.first + k, f.start - self.starts[k], f.end - self.starts[k]
        prose = locate(f, self.document.text, self.document.segments)
        return self.first + max(prose.segment, 0), prose.start, prose.end


def reviewer_options(check_args: Sequence[str] = ()) -> CheckOptions:
    """The options `reviewer check` would use with `check_args` (its checking options).

    Without `--config` in `check_args`, configuration files are ignored: the
    shipped defaults are measured, not a reviewer.toml that happens to be near.
    The result cache is off so that every run asks the server, and no finding
    is hidden by confidence (the harness counts with its own `--min-confidence`).
    """
    parser = argparse.ArgumentParser(prog="-X")
    add_check_options(parser)
    parsed = parser.parse_args(list(check_args))
    layer = config.file_layer(parsed.config_file, use_files=False)
    # Every finding comes back: the harness applies the confidence threshold itself.
    return options_for(resolve({**overrides(parsed), "cache": False, "min_confidence": 0.0},
                               layer))


def plain_options(jobs: int, language: str = "en-US") -> CheckOptions:
    """LanguageTool's defaults and nothing of ours: the anchor to beat.

    None of our Python rules, our pattern rules (category TRANSLATIONESE, on the
    classpath of every server we start) switched off, and no name model.
    """
    settings = LTSettings(language=language, disabled_categories=(custom.CATEGORY,))
    return CheckOptions(languagetool=settings, rules=RuleConfig(enabled=False), jobs=jobs,
                        names=None)


# Models that are not a rule (a rule or category is ablated by disabling it): name ->
# the options without that model. `--ablate NAME` in bench/quality.py.
ABLATIONS: dict[str, Callable[[CheckOptions], CheckOptions]] = {
    # reviewer.confidence.names: speller findings on names and local terms left as scored
    "names": lambda options: replace(options, names=None),
}


def ablated(options: CheckOptions, names: Sequence[str]) -> CheckOptions:
    """`options` without the models `names` (keys of ABLATIONS)."""
    for name in names:
        options = ABLATIONS[name](options)
    return options


def make_batches(texts: Sequence[str], size: int) -> list[Batch]:
    out = []
    for first in range(0, len(texts), size):
        chunk = texts[first : first + size]
        starts, pos = [], 0
        for t in chunk:
            starts.append(pos)
            pos += len(t) + len(SEPARATOR)
        text = SEPARATOR.join(chunk) + "\n"
        doc = load_input(parse_document(f"batch-{first // size + 1}.txt", text.encode()))
        out.append(Batch(doc, tuple(starts), first))
    return out


def make_po_batches(sources: Sequence[str], texts: Sequence[str], size: int,
                    ids: Sequence[str]) -> list[Batch]:
    """PO files of `size` entries: each source as msgid, its translation as msgstr.

    `ids` become the entries' msgctxt, so that equal sources stay distinct entries.
    """
    out = []
    for first in range(0, len(texts), size):
        entries = ['msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n']
        for n in range(first, min(first + size, len(texts))):
            entries.append(f'msgctxt "{po.escape(ids[n])}"\nmsgid "{po.escape(sources[n])}"\n'
                           f'msgstr "{po.escape(texts[n])}"\n')
        raw = "\n".join(entries).encode()
        doc = load_input(parse_document(f"batch-{first // size + 1}.po", raw))
        out.append(Batch(doc, (), first))
    return out


def _progress(done: int, total: int) -> None:
    if done == total or done % max(1, total // 10) == 0:
        print(f"quality: checked {done}/{total} blocks", file=sys.stderr, flush=True)


def check_batches(
    sentences: Sequence[Sentence],
    engine: Engine,
    options: CheckOptions,
    batch_size: int = 1,
    sources: Sequence[str] | None = None,
) -> tuple[list[Batch], Report]:
    """Check the sentences in batches: plain documents, or PO files with `sources`."""
    texts = [detokenise(s.tokens).text for s in sentences]
    if sources is None:
        batches = make_batches(texts, batch_size)
    else:
        batches = make_po_batches(sources, texts, batch_size, [s.id for s in sentences])
    report = check_documents([b.document for b in batches], engine, options, _progress)
    if report.engine_errors:
        raise RuntimeError(f"{len(report.engine_errors)} blocks could not be checked: "
                           f"{report.engine_errors[0].message}")
    return batches, report


def check_sentences(
    sentences: Sequence[Sentence],
    engine: Engine,
    options: CheckOptions,
    min_severity: Severity = Severity.INFO,
    batch_size: int = 1,
    sources: Sequence[str] | None = None,
    min_confidence: float = 0.0,
) -> list[list[Detection]]:
    """Detections per sentence (same order), counting findings at or above `min_severity`
    and `min_confidence`."""
    detok = [detokenise(s.tokens) for s in sentences]
    batches, report = check_batches(sentences, engine, options, batch_size, sources)
    by_path = {b.document.path: b for b in batches}
    out: list[list[Detection]] = [[] for _ in sentences]
    for f in report.findings:
        if not f.severity.at_least(min_severity) or f.confidence < min_confidence:
            continue
        index, start, end = by_path[f.path].place(f)
        out[index].append(_detection(f, detok[index], start, end))
    return out


def _detection(f: Finding, sentence: Detokenised, start: int, end: int) -> Detection:
    end = min(end, len(sentence.text))
    return Detection(f.rule_id, f.category, f.severity.value, sentence.tokens_at(start, end),
                     start, end, f.replacements[0] if f.replacements else None, f.confidence)
