"""Typed records to and from JSON, validated: the one module that imports msgspec.

Records stay frozen dataclasses (reviewer.model, reviewer.review.suggest...);
msgspec reads their type hints, so decoding checks every field's type
(enums, tuples, `int | None`) and names the path of the first bad one
(`$.suggestions[3].finding.start`). Measured against the hand-written
`from_dict` functions it replaces (bench/review_load.py, docs/review-file.md).
"""

from __future__ import annotations

from typing import Any, TypeVar

import msgspec

T = TypeVar("T")


class RecordError(ValueError):
    """Data that does not fit its record; the message names the field's JSON path."""


def plain(record: Any) -> Any:
    """`record` (a dataclass, tuple, enum...) as plain JSON types."""
    return msgspec.to_builtins(record)


def convert(data: Any, kind: type[T]) -> T:
    """Plain JSON data as a `kind` record, or RecordError."""
    try:
        return msgspec.convert(data, kind)
    except msgspec.ValidationError as exc:
        raise RecordError(str(exc)) from None


def decode(raw: bytes | str, kind: type[T]) -> T:
    """JSON text as a `kind` record, or RecordError (bad JSON included)."""
    try:
        return msgspec.json.decode(raw, type=kind)
    except msgspec.ValidationError as exc:
        raise RecordError(str(exc)) from None
    except msgspec.DecodeError as exc:
        raise RecordError(f"corrupt or truncated JSON ({exc})") from None
    except RecursionError:
        raise RecordError("JSON nested too deeply") from None


def schema_components(kinds: tuple[Any, ...]) -> tuple[tuple[dict[str, Any], ...],
                                                       dict[str, Any]]:
    """JSON Schemas of `kinds` as references, and the definitions they refer to (`$defs`)."""
    return msgspec.json.schema_components(kinds, ref_template="#/$defs/{name}")


def compact(data: Any) -> bytes:
    """JSON without spaces, for machines (the cache)."""
    return msgspec.json.encode(data)


def decode_plain(raw: bytes | str) -> Any:
    """JSON text as plain types (dicts, lists...), or RecordError (bad or too deep JSON)."""
    try:
        return msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        raise RecordError(f"corrupt or truncated JSON ({exc})") from None
    except RecursionError:
        raise RecordError("JSON nested too deeply") from None


def encode(data: Any) -> str:
    """JSON with sorted keys and a two-space indent, ending in a newline (diffs well)."""
    return encode_bytes(data).decode()


def encode_bytes(data: Any) -> bytes:
    """`encode` as UTF-8 bytes, made without a copy as text (large review files)."""
    return msgspec.json.format(msgspec.json.encode(data, order="sorted"), indent=2) + b"\n"
