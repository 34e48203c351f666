"""Write a data file derived by a bench/ script, or with `--check` say whether it is current."""

from __future__ import annotations

import gzip
from pathlib import Path


def write_or_check(out: Path, data: str | bytes, check: bool, what: str) -> int:
    """Write `data` to `out` (exit status 0), or only compare them (1 when they differ)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if check:
        same = out.exists() and out.read_bytes() == raw
        print(f"{out}: {'up to date' if same else 'differs from what this script writes'}")
        return 0 if same else 1
    out.write_bytes(raw)
    print(f"wrote {out}: {what}")
    return 0


def gzipped(text: str) -> bytes:
    """`text` as a gzip file that is the same bytes on every run (no timestamp)."""
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
