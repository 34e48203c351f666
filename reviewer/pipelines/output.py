"""A check's output: rendered, written and gated, with the baseline and editors' decisions.

`prepare` checks the output, gate, baseline and review-file settings before any
document is checked (a bad one is a UsageError, exit 2); `finish` sets aside
the findings the baseline holds and those an editor rejected
(reviewer.review.decided), renders every requested format from the one
report, writes the files, applies the gate and returns the exit code. The
verdicts and notes go to stderr, never mixed with machine output.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace

from reviewer import baseline as baselines
from reviewer.exitcodes import ExitCode
from reviewer.files import clash, write_output
from reviewer.formats import WHOLE_DOCUMENT, Format, github
from reviewer.formats.context import RenderContext, one_line
from reviewer.formats.registry import render
from reviewer.gate import Gate
from reviewer.model import Report
from reviewer.pipelines.session import UsageError
from reviewer.review import decided
from reviewer.review.record import ReviewFile, ReviewFileError
from reviewer.settings import Settings

STDOUT = "-"  # `--output FORMAT=-`: that format goes to stdout


@dataclass(frozen=True, slots=True)
class OutputPlan:
    """What `finish` will do, checked before the documents are."""

    stdout: tuple[Format, ...]
    files: tuple[tuple[Format, str], ...]
    gate: Gate
    color: bool
    baseline_path: str = ""
    baseline: baselines.Baseline | None = None
    reviews: tuple[tuple[str, ReviewFile], ...] = ()  # (path, review file): decisions


def default_formats(env: Mapping[str, str]) -> tuple[Format, ...]:
    return (Format.GITHUB,) if env.get("GITHUB_ACTIONS") == "true" else (Format.TEXT,)


def prepare(settings: Settings, color: bool = False, baseline: str | None = None,
            env: Mapping[str, str] | None = None) -> OutputPlan:
    """Check the output, gate, baseline and review-file settings; raise UsageError if wrong."""
    env = os.environ if env is None else env
    stdout = list(settings.format or default_formats(env))
    files: list[tuple[Format, str]] = []
    for fmt, path in settings.output or ():
        if path == STDOUT:
            stdout.append(fmt)
        elif any(os.path.normpath(path) == os.path.normpath(p) for _, p in files):
            raise UsageError(f"--output: {path} is given twice")
        else:
            files.append((fmt, path))
    whole = [f.value for f in stdout if f in WHOLE_DOCUMENT]
    if len(whole) > 1:
        raise UsageError(f"--format: only one of {', '.join(whole)} can go to stdout; "
                         "write the others with --output FORMAT=PATH")
    base = None
    if baseline:
        try:
            base = baselines.load(baseline)
        except baselines.BaselineError as exc:
            raise UsageError(f"--baseline {exc}") from None
    try:
        reviews = decided.load_all(decided.review_paths(settings.review_files))
    except ReviewFileError as exc:
        raise UsageError(f"review file {one_line(str(exc))}") from None
    return OutputPlan(tuple(dict.fromkeys(stdout)), tuple(files), settings.gate(),
                      color, baseline or "", base, reviews)


def _write(path: str, content: str) -> str:
    """Write atomically; return an error line, or "" on success."""
    try:
        write_output(path, content.encode("utf-8"), named=True)  # --output FORMAT=PATH
    except OSError as exc:
        return f"reviewer: cannot write {path}: {exc.strerror or exc}"
    return ""


def finish(plan: OutputPlan, report: Report, sources: Mapping[str, str],
           env: Mapping[str, str] | None = None) -> int:
    """Render, write and gate `report`; returns the exit code."""
    env = os.environ if env is None else env
    ctx = RenderContext(gate=plan.gate, sources=sources)
    shown = report
    if plan.baseline is not None:
        shown, comparison = baselines.apply(report, plan.baseline)
        then = dict(plan.baseline.engine).get("version", "")
        now = report.engine.get("version", "")
        if then and now and then != now:
            print(f"reviewer: note: baseline {plan.baseline_path} was made with LanguageTool "
                  f"{then}, this run uses {now}: some findings may show as new or gone",
                  file=sys.stderr)
        ctx = replace(ctx, baseline=plan.baseline_path, gone=comparison.gone,
                      unchanged=len(comparison.unchanged))
    unmatched: tuple[tuple[str, str], ...] = ()
    if plan.reviews:  # after the baseline: a finding it holds is not reported at all
        matched = decided.match(shown, plan.reviews)
        shown, unmatched = matched.report, matched.unmatched
        ctx = replace(ctx, review_files=tuple(p for p, _ in plan.reviews),
                      suppressed=matched.suppressed, decisions=matched.decisions)
    code = int(plan.gate.verdict(shown))
    inputs = [*sources, *([plan.baseline_path] if plan.baseline_path else []),
              *(p for p, _ in plan.reviews)]
    for fmt, path in plan.files:  # files never get colour
        overwritten = clash(path, inputs)
        error = (f"reviewer: --output {path}: would overwrite the input {overwritten}; "
                 "not written" if overwritten else _write(path, render(fmt, shown, context=ctx)))
        if error:
            print(error, file=sys.stderr)
            code = max(code, ExitCode.USAGE)
    for fmt in plan.stdout:
        sys.stdout.write(render(fmt, shown, context=replace(ctx, color=plan.color)))
    sys.stdout.flush()
    if Format.GITHUB in plan.stdout or any(f is Format.GITHUB for f, _ in plan.files):
        _step_summary(shown, ctx, env)
    _explain(shown, ctx, plan.gate, unmatched)
    return code


def _step_summary(report: Report, ctx: RenderContext, env: Mapping[str, str]) -> None:
    path = env.get("GITHUB_STEP_SUMMARY")
    if not path:
        return
    try:
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(github.summary(report, ctx))
    except OSError as exc:
        print(f"reviewer: warning: cannot write $GITHUB_STEP_SUMMARY {path}: "
              f"{exc.strerror or exc}", file=sys.stderr)


def _explain(report: Report, ctx: RenderContext, gate: Gate,
             unmatched: tuple[tuple[str, str], ...] = ()) -> None:
    """Baseline, decisions and gate verdicts on stderr, never mixed with machine output."""
    for path, document in unmatched:
        print(f"reviewer: note: review file {path} is for {one_line(document)}, which this run "
              "did not check: its decisions were not used", file=sys.stderr)
    if ctx.review_files:
        waiting = ctx.not_applied(report.findings)
        print(f"reviewer: editors' decisions: {len(ctx.suppressed)} finding(s) suppressed "
              f"(rejected by an editor, not counted), {waiting} accepted but not applied"
              + (" (run `reviewer apply`)" if waiting else ""), file=sys.stderr)
        for f in ctx.suppressed:
            d = ctx.decision(f)
            why = d.justification() if d is not None else ""
            print(f"  suppressed: {f.path}:{f.line}:{f.column}: {f.rule_id} {f.text!r} "
                  f"[{f.id}]: {why}", file=sys.stderr)
    if ctx.baseline:
        print(f"reviewer: baseline {ctx.baseline}: {len(report.findings)} new, "
              f"{ctx.unchanged} unchanged (not reported), {len(ctx.gone)} gone",
              file=sys.stderr)
        for f in ctx.gone:
            print(f"  gone: {f.path}:{f.line}:{f.column}: {f.rule_id} {f.text!r} [{f.id}]",
                  file=sys.stderr)
    reasons = gate.reasons(report)
    if reasons and not report.engine_errors:
        print(f"reviewer: check failed: {'; '.join(reasons)}", file=sys.stderr)
