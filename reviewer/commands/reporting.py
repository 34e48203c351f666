"""Output, gate and baseline options of `reviewer check` (acted on by reviewer.pipelines.output)."""

from __future__ import annotations

import argparse
from typing import Any

from reviewer.formats import Format
from reviewer.gate import FAIL_ON_CHOICES


def _output(value: str) -> tuple[Format, str]:
    name, sep, path = value.partition("=")
    try:
        fmt = Format(name.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"unknown format {name!r} (choose from {', '.join(f.value for f in Format)})"
        ) from None
    if not sep or not path:
        raise argparse.ArgumentTypeError(f"expected FORMAT=PATH, got {value!r}")
    return fmt, path


def _count(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {n}")
    return n


def _limit(value: str) -> float:
    x = float(value)
    if not x >= 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return x


def add_report_options(p: Any) -> None:
    o = p.add_argument_group("output")
    o.add_argument("--format", "-f", type=Format, choices=list(Format), action="append",
                   metavar="FORMAT",
                   help=f"print this format on stdout; repeatable ({', '.join(Format)}; "
                        "default: text, or github when GITHUB_ACTIONS=true)")
    o.add_argument("--output", "-o", type=_output, action="append",
                   metavar="FORMAT=PATH", help="also write FORMAT to PATH; repeatable")
    o.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    g = p.add_argument_group("gate (exit code 1 when the check fails)")
    g.add_argument("--fail-on", choices=FAIL_ON_CHOICES, default=None,
                   help="lowest severity that counts (default: major); without limits, "
                        "any counted finding fails")
    g.add_argument("--max-findings", type=_count, metavar="N",
                   help="fail when more than N findings count")
    g.add_argument("--max-density", type=_limit, metavar="N",
                   help="fail when more than N counted findings per 1,000 words")
    g.add_argument("--max-score", type=_limit, metavar="N",
                   help="fail when the quality score (penalty points per 1,000 words, "
                        "all findings) is above N")
    g.add_argument("--baseline", metavar="FILE",
                   help="report and gate only findings not in this baseline "
                        "(see `reviewer baseline create`)")
    g.add_argument("--review-file", action="append", metavar="FILE",
                   help="respect the editors' decisions in this review file (or folder of "
                        "*.review.json): rejected findings are suppressed, accepted ones not "
                        "yet applied are marked (repeatable; docs/ci.md)")
