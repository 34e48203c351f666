"""`reviewer learn`: editors' decisions per rule, from review files into the learned file.

Every review file is validated on load (ReviewFileError); the learned file never
overwrites one of them, and is written atomically (UsageError when it cannot be).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reviewer.files import clash, write_output
from reviewer.learn import Learned, dumps, tally
from reviewer.pipelines.session import UsageError
from reviewer.review.store import load


def learn_from(paths: Sequence[str], target: Path, named: bool) -> Learned:
    """Tally the decisions of the review files at `paths` and write them to `target`
    (`named`: the user gave it, rather than the default next to the configuration)."""
    loaded = [load(p) for p in paths]
    overwritten = clash(target, paths)
    if overwritten:
        raise UsageError(f"{target}: would overwrite the review file {overwritten}; "
                         "nothing written")
    learned = Learned(rules=tally(loaded), sources=tuple(sorted(paths)))
    try:
        write_output(target, dumps(learned).encode("utf-8"), named=named)
    except OSError as exc:
        raise UsageError(f"{target}: {exc.strerror or exc}") from None
    return learned
