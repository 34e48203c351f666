"""JSON Schemas (draft 2020-12) of what reviewer writes and reads, made from its records.

Three documents, checked in under docs/schemas/ (`python scripts/schemas.py`
writes them; tests/test_schemas.py fails when they are stale):

- `report.schema.json`: `reviewer check --format json` (docs/json-schema.md);
- `review-file.schema.json`: a review file (docs/review-file.md);
- `config.schema.json`: `reviewer.toml` and `[tool.reviewer]` (`#:schema` for editors).

The records themselves (reviewer.model, reviewer.review) give the fields and
types through `reviewer.codec.schema_components`; what is written around them
(the report's envelope, what a stored suggestion may leave out) is said here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from copy import deepcopy
from pathlib import Path
from typing import Any

from reviewer import config
from reviewer.codec import schema_components
from reviewer.formats.json_format import SCHEMA_VERSION as REPORT_VERSION
from reviewer.model import DocumentInfo, EngineError, Finding, Severity
from reviewer.review import record
from reviewer.review.decided import EditorDecision

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_INT = {"type": "integer", "minimum": 0}


def _envelope(title: str, body: dict[str, Any], defs: dict[str, Any]
              ) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, **body,
            "$defs": dict(sorted(defs.items()))}


def report() -> dict[str, Any]:
    """The JSON report: `reviewer.formats.json_format.to_data`."""
    (finding, document, error, decision), defs = schema_components(
        (Finding, DocumentInfo, EngineError, EditorDecision))
    decided = {"allOf": [finding, {"type": "object", "properties": {
        "decision": decision,
        "suppression": {"type": "object", "properties": {
            "kind": {"const": "external"}, "status": {"const": "accepted"},
            "justification": {"type": "string"}}}}}]}
    severities = {s.value: _INT for s in Severity}
    body = {
        "type": "object",
        "required": ["schema_version", "tool", "engine", "settings", "documents", "summary",
                     "findings", "engine_errors"],
        "properties": {
            "schema_version": {"const": REPORT_VERSION},
            "tool": {"type": "object", "properties": {"name": {"const": "reviewer"}}},
            "engine": {"type": "object", "additionalProperties": {"type": "string"}},
            "settings": {"type": "object"},
            "documents": {"type": "array", "items": document},
            "summary": {"type": "object",
                        "required": ["findings", "by_severity", "words", "score",
                                     "engine_errors"],
                        "properties": {
                            "findings": _INT, "words": _INT, "engine_errors": _INT,
                            "score": {"type": "number", "minimum": 0},
                            "by_severity": {"type": "object", "properties": severities,
                                            "required": list(severities)},
                            "suppressed": _INT, "accepted_not_applied": _INT}},
            "findings": {"type": "array", "items": decided},
            "engine_errors": {"type": "array", "items": error},
            "baseline": {"type": "object", "required": ["path", "unchanged", "gone"],
                         "properties": {"path": {"type": "string"}, "unchanged": _INT,
                                        "gone": {"type": "array", "items": finding}}},
            "review_files": {"type": "array", "items": {"type": "string"}},
            "suppressed": {"type": "array", "items": decided},
        },
        "additionalProperties": False,
    }
    return _envelope("reviewer check --format json", body, defs)


def review_file() -> dict[str, Any]:
    """A review file as stored: its record with the `document_*` fields in `document`,
    less what a stored suggestion leaves out."""
    (stored, document), defs = schema_components((record.ReviewFile, record._DocumentRef))
    defs = deepcopy(defs)
    left_out = {*record._FINDING_FROM_FILE, *record._FINDING_DERIVED, *record._FINDING_OPTIONAL}
    finding = defs["Finding"]
    finding["required"] = [k for k in finding["required"] if k not in left_out]
    for name in ("Suggestion", "HistoryEntry"):
        if name in defs and "required" in defs[name]:
            defs[name]["required"] = [k for k in defs[name]["required"]
                                      if k not in record._VERDICT_OPTIONAL]
    body = {**defs.pop(stored["$ref"].rsplit("/", 1)[1])}
    body["required"] = ["schema_version", "document",
                        *(k for k in body["required"] if k not in record._IN_DOCUMENT)]
    body["properties"] = {**{k: v for k, v in body["properties"].items()
                             if k not in record._IN_DOCUMENT},
                          "document": document,
                          "schema_version": {"const": record.SCHEMA_VERSION},
                          "tool": {"const": "reviewer"},
                          "summary": {"type": "object", "additionalProperties": _INT}}
    body.pop("title", None)
    body["description"] = "A review file (docs/review-file.md)."
    return _envelope("reviewer review file", body, defs)


_KINDS: Mapping[config.Kind, dict[str, Any]] = {
    config.Kind.STRING: {"type": "string"},
    config.Kind.BOOLEAN: {"type": "boolean"},
    config.Kind.COUNT: {"type": "integer", "minimum": 0},
    config.Kind.NUMBER: {"type": "number", "minimum": 0},
    config.Kind.STRINGS: {"type": "array", "items": {"type": "string"}},
    config.Kind.TABLE: {"type": "object", "additionalProperties": {"type": "string"}},
}


def _key(key: config.Key) -> dict[str, Any]:
    out = {"description": key.help, **deepcopy(_KINDS[key.kind])}
    if key.choices:
        target = {config.Kind.STRINGS: out.get("items"),
                  config.Kind.TABLE: out.get("additionalProperties")}.get(key.kind, out)
        assert target is not None
        target["enum"] = list(key.choices)
    if key.name == "min_confidence":
        out["maximum"] = 1
    return out


def configuration() -> dict[str, Any]:
    """`reviewer.toml` (or `[tool.reviewer]`): every key of `config.SCHEMA`."""
    props: dict[str, Any] = {}
    for key in config.SCHEMA:
        if "." in key.name:
            table, sub = key.name.split(".", 1)
            props.setdefault(table, {"type": "object", "properties": {},
                                     "additionalProperties": False})
            props[table]["properties"][sub] = _key(key)
        else:
            props[key.name] = _key(key)
    body = {"type": "object", "properties": props, "additionalProperties": False}
    return _envelope("reviewer.toml", body, {})


SCHEMAS: Mapping[str, Callable[[], dict[str, Any]]] = {
    "report.schema.json": report,
    "review-file.schema.json": review_file,
    "config.schema.json": configuration,
}
FOLDER = Path(__file__).resolve().parent.parent / "docs" / "schemas"


def text(name: str) -> str:
    """The schema `name` as written: sorted keys, two-space indent, a final newline."""
    return json.dumps(SCHEMAS[name](), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write(folder: Path = FOLDER) -> list[Path]:
    """Write every schema into `folder`; returns the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SCHEMAS:
        (folder / name).write_text(text(name), encoding="utf-8")
        written.append(folder / name)
    return written
