"""Checking each part with the real checker, once: findings cached on disk.

Each sentence is checked as its own document (plain text, or a one-entry PO
file for bilingual parts) through `qualitybench.runner`, i.e.
`reviewer.checker.check_documents` with reviewer's default settings on one
LanguageTool server. What the model needs is kept per sentence: the
document's path and text (to rebuild it and compute features exactly as at
run time), the findings, and the tokens each finding touches (for labels).

The cache lives in `$REVIEWER_CACHE_DIR/confidence/` (never in the
repository). Its key covers the sentences, the check settings, the
LanguageTool jars, and every source file of reviewer that decides findings
(rules, rule files, checker, inputs; not the confidence model itself), so
that new rules make the next training run check again.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import reviewer
from reviewer.cachedir import cache_dir
from reviewer.checker import CheckOptions
from reviewer.codec import convert, plain
from reviewer.inputs.registry import load as load_input
from reviewer.lt.engine import Engine
from reviewer.lt.provision import jars_dir
from reviewer.model import Finding
from reviewer.text.document import Document, parse_document

from ..detok import detokenise
from ..runner import check_batches, reviewer_options
from .data import Part

CACHE_FORMAT = "1"
# Files of reviewer that do not decide which findings are reported.
# The gazetteer only lowers confidences after the model (reviewer.confidence.names).
_NOT_RULES = ("confidence/", "data/confidence.json", "data/gazetteer.tsv", "templates/",
              "static/", "html/", "formats/", "commands/")


@dataclass(frozen=True, slots=True)
class Checked:
    """One sentence as checked: its document, findings, and the tokens each touches."""

    id: str
    erroneous: bool
    gold: frozenset[int] | None
    document: Document
    findings: tuple[Finding, ...]
    tokens: tuple[tuple[int, ...], ...]


def rules_fingerprint() -> str:
    """A hash of reviewer's files that decide findings."""
    root = Path(reviewer.__file__).parent
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if (path.is_file() and path.suffix in (".py", ".xml", ".toml", ".txt", ".tsv")
                and "__pycache__" not in rel and not rel.startswith(_NOT_RULES)):
            h.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def cache_key(part: Part, options: CheckOptions) -> str:
    h = hashlib.sha256()
    for value in (CACHE_FORMAT, part.name, options.digest(), rules_fingerprint(),
                  str(jars_dir().resolve())):
        h.update(value.encode() + b"\0")
    for s in part.sentences:
        h.update(" ".join(s.tokens).encode() + b"\0")
    for src in part.sources or ():
        h.update(src.encode() + b"\0")
    return h.hexdigest()[:16]


def _cache_file(part: Part, options: CheckOptions) -> Path:
    return cache_dir() / "confidence" / f"{part.name}-{cache_key(part, options)}.jsonl.gz"


def _record(c: Checked) -> dict[str, Any]:
    return {"id": c.id, "erroneous": c.erroneous,
            "gold": None if c.gold is None else sorted(c.gold),
            "path": c.document.path, "raw": c.document.raw.decode("utf-8"),
            "findings": [plain(f) for f in c.findings],
            "tokens": [list(t) for t in c.tokens]}


def _checked(data: dict[str, Any]) -> Checked:
    doc = parse_document(data["path"], data["raw"].encode("utf-8"))
    if doc.path.endswith(".po"):
        doc = load_input(doc)
    return Checked(data["id"], data["erroneous"],
                   None if data["gold"] is None else frozenset(data["gold"]), doc,
                   tuple(convert(f, Finding) for f in data["findings"]),
                   tuple(tuple(t) for t in data["tokens"]))


def _check(part: Part, engine: Engine, options: CheckOptions) -> list[Checked]:
    batches, report = check_batches(part.sentences, engine, options, 1, part.sources)
    by_path = {b.document.path: b for b in batches}
    found: list[list[Finding]] = [[] for _ in part.sentences]
    spans: list[list[tuple[int, ...]]] = [[] for _ in part.sentences]
    detok = [detokenise(s.tokens) for s in part.sentences]
    for f in report.findings:
        index, start, end = by_path[f.path].place(f)
        found[index].append(f)
        spans[index].append(detok[index].tokens_at(start, min(end, len(detok[index].text))))
    return [Checked(s.id, s.erroneous, s.gold_tokens, b.document, tuple(fs), tuple(ts))
            for s, b, fs, ts in zip(part.sentences, batches, found, spans, strict=True)]


def load(parts: list[Part], server: str | None = None, recheck: bool = False,
         check_args: Sequence[str] = ()) -> dict[str, list[Checked]]:
    """Every part's checked sentences, from the cache where it is current.

    `check_args` are `reviewer check` options (default: none, the shipped defaults).
    """
    options = reviewer_options(check_args)
    out: dict[str, list[Checked]] = {}
    missing = []
    for part in parts:
        path = _cache_file(part, options)
        if path.exists() and not recheck:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                out[part.name] = [_checked(json.loads(line)) for line in fh]
            print(f"train: {part.name}: {len(out[part.name])} sentences from {path}",
                  file=sys.stderr)
        else:
            missing.append(part)
    if missing:
        with Engine(server) as engine:
            for part in missing:
                print(f"train: checking {part.name} ({len(part.sentences)} sentences)",
                      file=sys.stderr)
                checked = _check(part, engine, options)
                path = _cache_file(part, options)
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(".tmp")
                with gzip.open(tmp, "wt", encoding="utf-8") as fh:
                    for c in checked:
                        fh.write(json.dumps(_record(c), ensure_ascii=False) + "\n")
                tmp.replace(path)
                out[part.name] = checked
    return {p.name: out[p.name] for p in parts}


def findings(checked: list[Checked]) -> Iterator[tuple[Checked, int]]:
    """(sentence, index of the finding) for every finding of a part."""
    for c in checked:
        for i in range(len(c.findings)):
            yield c, i
