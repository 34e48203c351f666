"""The shipped data files (models, tables, the default configuration), read from this folder.

Read as files beside this module rather than through `importlib.resources`,
whose import (tempfile, random, zipfile) cost 6 ms of every run: reviewer is
always installed as files (wheel or clone), never run from a zip.
"""

from __future__ import annotations

from pathlib import Path

FOLDER = Path(__file__).parent


def read_bytes(name: str) -> bytes:
    """The bytes of the shipped data file `name`."""
    return (FOLDER / name).read_bytes()


def read_text(name: str) -> str:
    """The text (UTF-8) of the shipped data file `name`."""
    return (FOLDER / name).read_text(encoding="utf-8")
