"""Baselines: the findings a project has accepted, recorded by fingerprint.

A baseline file lists findings with their path and `Finding.id` (which does
not depend on offsets, so it survives edits elsewhere and line shifts).
Comparing a report with it sorts each finding into new or unchanged, and
each recorded finding of a checked document that is no longer reported into
gone. Findings of documents not checked in this run are left alone.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Any

from reviewer.codec import RecordError, decode, plain
from reviewer.files import FileError, read_bounded, write_output
from reviewer.model import Finding, Report

SCHEMA_VERSION = 1
KIND = "reviewer-baseline"
DEFAULT_PATH = "reviewer-baseline.json"


class BaselineError(Exception):
    """A baseline file that cannot be read; the message names the file and the cause."""


def norm_path(path: str) -> str:
    """`path` as compared across runs: normalised, with forward slashes."""
    return PurePath(os.path.normpath(path)).as_posix()


def key(f: Finding) -> tuple[str, str]:
    return norm_path(f.path), f.id


@dataclass(frozen=True, slots=True)
class Baseline:
    findings: tuple[Finding, ...]
    engine: tuple[tuple[str, str], ...] = ()

    @classmethod
    def from_report(cls, report: Report) -> Baseline:
        return cls(findings=tuple(sorted(report.findings)),
                   engine=tuple(sorted(report.engine.items())))

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": KIND,
            "schema_version": SCHEMA_VERSION,
            "engine": dict(self.engine),
            "findings": [plain(f) for f in self.findings],
        }

    def dumps(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write(baseline: Baseline, path: str | Path, named: bool = True) -> None:
    """Write atomically, so an interrupted run never leaves half a baseline.

    `named`: the user gave `path` (`-o FILE`), rather than taking the default
    (`files.output_path` says what either may overwrite).
    """
    try:
        write_output(path, baseline.dumps().encode("utf-8"), named=named)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write: {exc.strerror or exc}") from None


@dataclass(frozen=True, slots=True)
class _Head:
    kind: Any = None
    schema_version: Any = None


@dataclass(frozen=True, slots=True)
class _Stored:
    """A baseline file as stored; decoding it checks every field's type."""

    findings: tuple[Finding, ...]
    engine: dict[str, str] = field(default_factory=dict)


def load(path: str | Path) -> Baseline:
    """Read a baseline file, or raise BaselineError naming the file and the cause."""
    try:
        raw = read_bounded(path)
        head = decode(raw, _Head)
        if head.kind != KIND:
            raise BaselineError(f"{path}: not a reviewer baseline (no \"kind\": \"{KIND}\")")
        if head.schema_version != SCHEMA_VERSION or isinstance(head.schema_version, bool):
            shown = repr(head.schema_version)
            shown = shown if len(shown) <= 20 else shown[:20] + "..."
            raise BaselineError(f"{path}: unsupported schema_version {shown} "
                                f"(expected {SCHEMA_VERSION})")
    except FileError as exc:
        raise BaselineError(f"{path}: {exc.cause}") from None
    except RecordError as exc:
        raise BaselineError(f"{path}: not valid JSON ({exc})") from None
    try:
        data = decode(raw, _Stored)
    except RecordError as exc:
        raise BaselineError(f"{path}: invalid finding record ({exc})") from None
    return Baseline(findings=data.findings, engine=tuple(sorted(data.engine.items())))


@dataclass(frozen=True, slots=True)
class Comparison:
    new: tuple[Finding, ...]
    unchanged: tuple[Finding, ...]
    gone: tuple[Finding, ...]


def compare(findings: Iterable[Finding], checked_paths: Iterable[str],
            baseline: Baseline) -> Comparison:
    """Sort `findings` against `baseline`; gone ones only among `checked_paths`."""
    recorded = {key(f) for f in baseline.findings}
    findings = list(findings)
    current = {key(f) for f in findings}
    checked = {norm_path(p) for p in checked_paths}
    return Comparison(
        new=tuple(f for f in findings if key(f) not in recorded),
        unchanged=tuple(f for f in findings if key(f) in recorded),
        gone=tuple(f for f in baseline.findings
                   if norm_path(f.path) in checked and key(f) not in current),
    )


def apply(report: Report, baseline: Baseline) -> tuple[Report, Comparison]:
    """The report with only its new findings, and the full comparison."""
    comparison = compare(report.findings, (d.path for d in report.documents), baseline)
    return replace(report, findings=comparison.new), comparison
