"""Bilingual checks: each target against its source, as findings placed in the file.

Runs on documents whose segments carry a source (XLIFF, PO, a plain-text
pair from `--source`); other documents give nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.bilingual.checks import CATEGORY, CHECKS, Pair
from reviewer.bilingual.glossary import Term
from reviewer.model import Finding, assign_ids
from reviewer.severity import SeverityMap
from reviewer.text.document import Document
from reviewer.text.lines import LineIndex

SOURCE = "reviewer"
CONTEXT = 40


RULE_IDS = frozenset(c.id for c in CHECKS)


def check_document(
    doc: Document,
    glossary: Sequence[Term] = (),
    severities: SeverityMap | None = None,
    disabled: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Every bilingual finding on `doc`, ids assigned; `disabled` holds rule ids or categories."""
    if not doc.segments:
        return []
    severities = severities or SeverityMap()
    index = LineIndex(doc.text)
    text = doc.text
    out = []
    for seg in doc.segments:
        if not seg.has_source:
            continue
        pair = Pair(seg.source, seg.text, tuple(glossary))
        for check in CHECKS:
            if check.id in disabled or CATEGORY in disabled:
                continue
            for hit in check.run(pair):
                start, end = seg.to_file(hit.start, hit.end)
                line, column = index.position(start)
                end_line, end_column = index.position(end)
                out.append(Finding(
                    path=doc.path, start=start, end=end, rule_id=check.id, id="", sub_id="",
                    source=SOURCE, category=CATEGORY, issue_type=check.issue_type,
                    severity=severities.rules.get(check.id, check.severity),
                    message=hit.message, short_message=check.title,
                    line=line, column=column, end_line=end_line, end_column=end_column,
                    text=text[start:end], context=text[max(0, start - CONTEXT) : end + CONTEXT],
                    sentence=seg.text, unit=seg.unit,
                ))
    return assign_ids(out, text)
