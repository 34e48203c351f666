"""`python bench/train_confidence.py`: check, train, calibrate, choose the threshold, report.

One command from the evaluation data to `reviewer/data/confidence.json`:
findings come from the cache when reviewer's rules have not changed
(`collect`), else from a LanguageTool server started for the run. The report
(Markdown, on stdout and in `--report`) has the cross-validated losses, the
threshold curve, reliability tables and sentence-level figures on the
held-out parts, and the largest weights.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from reviewer.confidence.model import Model, save_model
from reviewer.lt.errors import ProvisionError
from reviewer.lt.server import ServerError

from . import collect, evaluate, names, train
from .data import NEAR, Part, parts

ROOT = Path(__file__).resolve().parents[3]
THRESHOLDS = [i / 100 for i in range(0, 91)]
# The threshold is chosen on out-of-fold predictions of the training parts, within the
# issue's false-alarm targets less a margin. CoNLL-2013 has no say: its licence
# (NUCLE, non-commercial research) allows measuring on it, not tuning what we ship.
TUNING = ("realec-train", "mlqe-train", "mlqe-train-po")
# The targets are judged on other sentences: REALEC's other half has some 300 clean
# sentences, whose false-alarm rate moves by about 0.02 (one standard error) from a
# half's. Meeting a target only just on the training half is a coin toss elsewhere.
MARGIN = 0.01
LIMITS = (evaluate.Limit("realec-train", 0.15 - MARGIN),
          evaluate.Limit("mlqe-train", 0.20 - MARGIN),
          evaluate.Limit("mlqe-train-po", 0.20 - MARGIN))
HELD_OUT = ("realec-heldout", "mlqe-dev", "mlqe-dev-po")
# What the shipped file says of itself (reviewer/data/README.md says the same at length):
# REALEC's CC BY-SA 4.0 asks attribution and the same licence for what is learnt from it.
LICENCE = "CC-BY-SA-4.0"
SOURCES = {
    "mlqe-train": "MLQE-PE ru-en train (Fomicheva et al. 2022), CC0 1.0",
    "realec-train": "REALEC (Russian Error-Annotated Learner English Corpus, HSE University; "
                    "MultiGED 2023 release, dev part, first half), CC BY-SA 4.0",
    "translationese": "translationese-dev, written for this project, Apache-2.0",
}
NAME_PARTS = ("mlqe-dev", "mlqe-dev-po", "realec-heldout", "conll13")
T = TypeVar("T")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="bench/train_confidence.py", description=__doc__)
    p.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval",
                   help="the evaluation data (default: ../shared/eval)")
    p.add_argument("--out", type=Path, default=ROOT / "reviewer" / "data" / "confidence.json",
                   help="where to write the model (default: the package's)")
    p.add_argument("--report", type=Path, help="also write the report to this file")
    p.add_argument("--recheck", action="store_true", help="check again, ignoring the cache")
    p.add_argument("--server", metavar="URL", help="a running LanguageTool server")
    p.add_argument("--check-option", "-X", action="append", default=[], metavar="ARG",
                   help="pass ARG to `reviewer check` (repeatable), e.g. -X=--picky: train "
                        "for other settings than the shipped defaults")
    p.add_argument("--dry-run", action="store_true", help="report only; write no model")
    return p


def _per_sentence(rows: Sequence[train.Row], values: Sequence[T],
                  checked: dict[str, list[collect.Checked]]) -> dict[str, list[list[T]]]:
    """One value per row, grouped by part and sentence, in the checked order."""
    out: dict[str, list[list[T]]] = {name: [[] for _ in cs] for name, cs in checked.items()}
    for r, v in zip(rows, values, strict=True):
        out[r.part][r.sentence].append(v)
    return out


def _curve(part: Part, checked: list[collect.Checked], conf: list[list[float]],
           ) -> list[evaluate.Point]:
    return [evaluate.Point.of(t, evaluate.at_threshold(part.sentences, checked, conf, t))
            for t in THRESHOLDS]


def _fmt(p: evaluate.Point) -> str:
    tok = "-" if p.token_f05 is None else f"{p.token_f05:.3f}"
    return f"{p.f05:.3f} | {p.false_alarm_rate:.3f} | {tok}"


def names_section(all_parts: Sequence[Part], checked: dict[str, list[collect.Checked]],
                  rows: Sequence[train.Row], confidence: Sequence[float],
                  threshold: float) -> list[str]:
    """How each way of using name evidence scores (names.py)."""
    feats = _per_sentence(rows, [r.features for r in rows], checked)
    confs = _per_sentence(rows, confidence, checked)
    lines = ["## Names: keep, drop, lower to info, or a feature of the model", "",
             (names.__doc__ or "").split("\n\n")[1].replace("\n", " "), "",
             "| part | names (in erroneous / clean) | variant | F0.5 | false alarms | "
             "token F0.5 |", "| --- | --- | --- | --- | --- | --- |"]
    for part in all_parts:
        if part.name not in NAME_PARTS:
            continue
        found = names.items(checked[part.name], feats[part.name], confs[part.name])
        err, clean = names.counts(found, part.sentences)
        for variant, s in names.table(part.sentences, found, threshold):
            tok = f"{s.token.f():.3f}" if s.token else "-"
            lines.append(f"| {part.name} | {err} / {clean} | {variant} | {s.sentence.f():.3f} | "
                         f"{s.false_alarm_rate:.3f} | {tok} |")
    return [*lines, ""]


def report(fitted: train.Fitted, rows: Sequence[train.Row], all_parts: Sequence[Part],
           curves: dict[str, list[evaluate.Point]], threshold: float,
           confidence: Sequence[float], name_lines: Sequence[str]) -> str:
    model = fitted.model
    index = THRESHOLDS.index(threshold)
    lines = [
        "# Confidence model: training report", "",
        f"Findings: {sum(r.training for r in rows)} for training, "
        f"{sum(not r.training for r in rows)} held out; {len(fitted.vocab)} features; "
        f"a finding is real when a gold token lies within {NEAR} token of it.", "",
        "Cross-validated log loss by C: " + ", ".join(
            f"{c}: {loss}" for c, loss in fitted.losses.items()) + f"; chosen C = {fitted.c}.",
        "", f"## Threshold: min_confidence = {threshold:.2f}", "",
        "Sentence F0.5, false-alarm rate and token F0.5 with no threshold (first three) and "
        "with the chosen one (last three); training parts: out-of-fold confidences, "
        "held-out parts: the final model.", "",
        "| part | role | F0.5 | false alarms | token F0.5 | F0.5 | false alarms | token F0.5 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for p in all_parts:
        c = curves[p.name]
        role = "training (OOF)" if p.training else "held out"
        lines.append(f"| {p.name} | {role} | {_fmt(c[0])} | {_fmt(c[index])} |")
    lines += ["", "## Reliability on held-out parts", ""]
    for name in HELD_OUT:
        chosen = [(c, r.real) for r, c in zip(rows, confidence, strict=True) if r.part == name]
        table = evaluate.reliability([c for c, _ in chosen], [r for _, r in chosen])
        lines += [f"### {name} ({len(chosen)} findings, ECE "
                  f"{evaluate.calibration_error(table):.3f}, Brier "
                  f"{evaluate.brier([c for c, _ in chosen], [r for _, r in chosen]):.3f})", "",
                  "| confidence | findings | mean confidence | real |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| {b.low:.1f}-{b.high:.1f} | {b.count} | {b.mean_confidence:.3f} | "
                  f"{b.real_rate:.3f} |" for b in table if b.count]
        lines.append("")
    lines += name_lines
    top = sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))[:30]
    lines += ["## Largest weights", "", "| feature | weight |", "| --- | --- |"]
    lines += [f"| `{k}` | {v:+.3f} |" for k, v in top]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    all_parts = parts(args.eval_dir)
    try:
        checked = collect.load(all_parts, args.server, args.recheck, args.check_option)
    except (OSError, RuntimeError, ServerError, ProvisionError) as exc:
        print(f"train: {exc}", file=sys.stderr)
        return 3
    rows = train.build_rows(all_parts, checked)
    info = {"command": " ".join(["python bench/train_confidence.py", *args.check_option]),
            "label": f"a gold token within {NEAR} token of the finding",
            "rules_fingerprint": collect.rules_fingerprint(),
            "licence": LICENCE, "sources": SOURCES,
            "training_findings": {p.name: sum(r.part == p.name for r in rows)
                                  for p in all_parts if p.training}}
    fitted = train.train(rows, info)
    # Confidence of every row where it was not trained: out-of-fold or held out.
    oof = iter(fitted.oof.tolist())
    confidence = [next(oof) if r.training else fitted.model.confidence(r.features)
                  for r in rows]
    by_sentence = _per_sentence(rows, confidence, checked)
    curves = {p.name: _curve(p, checked[p.name], by_sentence[p.name]) for p in all_parts}
    threshold = evaluate.choose_threshold({n: curves[n] for n in TUNING}, LIMITS, {})
    model = Model(fitted.model.intercept, fitted.model.weights, fitted.model.calibration_x,
                  fitted.model.calibration_y, threshold, fitted.model.info)
    name_lines = names_section(all_parts, checked, rows, confidence, threshold)
    text = report(fitted, rows, all_parts, curves, threshold, confidence, name_lines)
    sys.stdout.write(text)
    if args.report:
        args.report.write_text(text, encoding="utf-8")
    if not args.dry_run:
        save_model(model, args.out)
        print(f"train: wrote {args.out} (min_confidence {threshold:.2f})", file=sys.stderr)
    return 0
