"""Checking evaluation sentences the way `reviewer check` checks a document.

Sentences are detokenised and joined by blank lines into one `Document` per
batch (by default one sentence per document: the sets are judged sentence by
sentence, and MLQE-PE and JFLEG sentences are unrelated); the batches go through
`reviewer.checker.check_documents` against one engine, and every finding's
span is mapped back to its sentence and to the tokens it touches.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer import config
from reviewer.checker import CheckOptions, check_documents
from reviewer.commands.common import add_check_options, overrides
from reviewer.lt import custom
from reviewer.lt.client import LTSettings
from reviewer.lt.engine import Engine
from reviewer.model import Finding, Severity
from reviewer.rules.run import RuleConfig
from reviewer.settings import check_options, resolve
from reviewer.text.document import Document

from .datasets import Sentence
from .detok import Detokenised, detokenise
from .metrics import Detection

SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Batch:
    """One document made of several sentences, and where each sentence starts in it."""

    document: Document
    starts: tuple[int, ...]
    first: int  # index of the batch's first sentence in the data set


def reviewer_options(check_args: Sequence[str] = ()) -> CheckOptions:
    """The options `reviewer check` would use with `check_args`.

    Without `--config` in `check_args`, configuration files are ignored: the
    shipped defaults are measured, not a reviewer.toml that happens to be near.
    The result cache is off so that every run asks the server.
    """
    parser = argparse.ArgumentParser(prog="-X")
    add_check_options(parser)
    parsed = parser.parse_args(list(check_args))
    layer = config.file_layer(parsed.config_file, use_files=False)
    return check_options(resolve({**overrides(parsed), "cache": False}, layer))


def plain_options(jobs: int) -> CheckOptions:
    """LanguageTool's defaults and nothing of ours: the anchor to beat.

    None of our Python rules, and our pattern rules (category TRANSLATIONESE, on the
    classpath of every server we start) switched off.
    """
    settings = LTSettings(disabled_categories=(custom.CATEGORY,))
    return CheckOptions(languagetool=settings, rules=RuleConfig(enabled=False), jobs=jobs)


def make_batches(texts: Sequence[str], size: int) -> list[Batch]:
    out = []
    for first in range(0, len(texts), size):
        chunk = texts[first : first + size]
        starts, pos = [], 0
        for t in chunk:
            starts.append(pos)
            pos += len(t) + len(SEPARATOR)
        text = SEPARATOR.join(chunk) + "\n"
        doc = Document(path=f"batch-{first // size + 1}", text=text, raw=text.encode())
        out.append(Batch(doc, tuple(starts), first))
    return out


def _progress(done: int, total: int) -> None:
    if done == total or done % max(1, total // 10) == 0:
        print(f"quality: checked {done}/{total} blocks", file=sys.stderr, flush=True)


def check_sentences(
    sentences: Sequence[Sentence],
    engine: Engine,
    options: CheckOptions,
    min_severity: Severity = Severity.INFO,
    batch_size: int = 1,
) -> list[list[Detection]]:
    """Detections per sentence (same order), counting findings at or above `min_severity`."""
    detok = [detokenise(s.tokens) for s in sentences]
    batches = make_batches([d.text for d in detok], batch_size)
    report = check_documents([b.document for b in batches], engine, options, _progress)
    if report.engine_errors:
        raise RuntimeError(f"{len(report.engine_errors)} blocks could not be checked: "
                           f"{report.engine_errors[0].message}")
    by_path = {b.document.path: b for b in batches}
    out: list[list[Detection]] = [[] for _ in sentences]
    for f in report.findings:
        if not f.severity.at_least(min_severity):
            continue
        batch = by_path[f.path]
        k = bisect.bisect_right(batch.starts, f.start) - 1
        index = batch.first + k
        out[index].append(_detection(f, detok[index], batch.starts[k]))
    return out


def _detection(f: Finding, sentence: Detokenised, offset: int) -> Detection:
    start, end = f.start - offset, min(f.end - offset, len(sentence.text))
    return Detection(f.rule_id, f.category, f.severity.value, sentence.tokens_at(start, end),
                     start, end, f.replacements[0] if f.replacements else None)
