"""`reviewer baseline create`: documents checked, and their findings written as a baseline.

Nothing is written when a block could not be checked (EngineFailure: a
baseline missing findings would hide them later) or when the file would
overwrite a document checked (UsageError).
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer import baseline as baselines
from reviewer.checker import Progress
from reviewer.files import clash
from reviewer.pipelines.session import EngineFailure, UsageError, check_paths
from reviewer.settings import Settings


@dataclass(frozen=True, slots=True)
class Written:
    """A baseline written: where, and how many findings of how many documents it holds."""

    path: str
    findings: int
    documents: int


def create_baseline(paths: list[str], settings: Settings, output: str | None,
                    progress: Progress | None = None) -> Written:
    """Check `paths` and write their findings to `output` (None: the default path)."""
    path = output or baselines.DEFAULT_PATH  # None: the default, a name we made
    docs, report, _ = check_paths(paths, settings, progress=progress)
    if report.engine_errors:
        lines = [f"{e.path}:{e.line}: block not checked: {e.message}"
                 for e in report.engine_errors]
        raise EngineFailure("\nreviewer: ".join(
            [*lines, f"baseline not written: {len(report.engine_errors)} block(s) "
                     "could not be checked"]))
    overwritten = clash(path, [d.path for d in docs])
    if overwritten:
        raise UsageError(f"--output {path}: would overwrite the input {overwritten}; "
                         "baseline not written")
    try:
        baselines.write(baselines.Baseline.from_report(report), path, output is not None)
    except baselines.BaselineError as exc:
        raise UsageError(str(exc)) from None
    return Written(path, len(report.findings), len(docs))
