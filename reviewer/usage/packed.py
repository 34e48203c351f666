"""The file format of the usage models: a JSON header, feature names and number arrays.

Reading a model must cost little at start-up, so its weights are not JSON:
a file holds a length-prefixed JSON header (small settings: classes,
intercepts, a word list), the feature names joined by newlines, and arrays of
little-endian numbers (`array` type codes in the header). The file is not
compressed: unzipping the three models took 20 ms of a 0.3 s check, and the
wheel compresses them anyway. The same model is always the same bytes.
"""

from __future__ import annotations

import io
import json
import struct
import sys
from array import array
from collections.abc import Mapping
from typing import Any

MAGIC = b"RVUM2\n"  # 1: the same, gzip-compressed


class ModelFileError(ValueError):
    """A model file that is not of this format."""


def pack(header: Mapping[str, Any], names: list[str], arrays: Mapping[str, array[Any]]) -> bytes:
    """One model as bytes: `header` (JSON), `names` and each named array."""
    head = dict(header, arrays={k: a.typecode for k, a in arrays.items()})
    out = io.BytesIO()
    out.write(MAGIC)
    for blob in (json.dumps(head, ensure_ascii=False, sort_keys=True).encode(),
                 "\n".join(names).encode(),
                 *(_little(a) for a in arrays.values())):
        out.write(struct.pack("<Q", len(blob)))
        out.write(blob)
    return out.getvalue()


def unpack(data: bytes) -> tuple[dict[str, Any], list[str], dict[str, array[Any]]]:
    """The header, names and arrays of a model file's bytes."""
    if not data.startswith(MAGIC):
        raise ModelFileError("not a reviewer usage model")
    raw = memoryview(data)  # slices without copies
    pos = len(MAGIC)
    blobs = []
    while pos < len(raw):
        if pos + 8 > len(raw):
            raise ModelFileError("a truncated reviewer usage model")
        (size,) = struct.unpack_from("<Q", raw, pos)
        pos += 8
        if pos + size > len(raw):
            raise ModelFileError("a truncated reviewer usage model")
        blobs.append(raw[pos:pos + size])
        pos += size
    if len(blobs) < 2:
        raise ModelFileError("a truncated reviewer usage model")
    header = json.loads(bytes(blobs[0]))
    names = str(blobs[1], "utf-8").split("\n") if blobs[1] else []
    arrays = {}
    for (key, code), blob in zip(header.pop("arrays").items(), blobs[2:], strict=True):
        a = array(code)
        a.frombytes(blob)
        if sys.byteorder == "big":
            a.byteswap()
        arrays[key] = a
    return header, names, arrays


def _little(a: array[Any]) -> bytes:
    if sys.byteorder == "big":
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes()
