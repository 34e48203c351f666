"""`reviewer rules`: every rule, ours and LanguageTool's, and whether it is on.

    reviewer rules                     # text: id, source, category, severity, on/off
    reviewer rules --format json       # the same as JSON
    reviewer rules --ours              # ours only (pattern rules included): no server needed
    reviewer rules --docs docs/rules.md [--check]   # write (or compare) the rule docs
    reviewer rules --from reports/*.review.json     # what editors decided, per rule

The settings are those of `reviewer check` with the same options and
configuration: a rule disabled there is `off` here, and severities include the
overrides. LanguageTool's rules are those the server lists for the language
(`/v2/configinfo`); rules it keeps off by default are `off` unless enabled.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from reviewer.commands.common import CommandError, add_check_options, settings_from_args
from reviewer.exitcodes import ExitCode
from reviewer.files import write_output
from reviewer.learn import MIN_DECIDED, proposals, tally
from reviewer.pipelines.listing import languagetools, ours
from reviewer.review.store import load
from reviewer.rules import RULES
from reviewer.rules.docs import render as render_docs


def add_parser(sub: Any) -> None:
    p = sub.add_parser("rules", help="list every rule, ours and LanguageTool's, on or off")
    p.add_argument("--format", "-f", choices=("text", "json"), default="text")
    p.add_argument("--ours", action="store_true",
                   help="only our rules (no LanguageTool server is asked)")
    p.add_argument("--docs", metavar="PATH", type=Path,
                   help="write the documentation of our rules to PATH (docs/rules.md)")
    p.add_argument("--check", action="store_true",
                   help="with --docs: only compare, exit 1 when PATH is out of date")
    p.add_argument("--from", dest="from_files", nargs="+", metavar="REVIEW_FILE",
                   help="per-rule acceptance in these review files, and the configuration "
                        "lines that would quiet the rules editors keep rejecting")
    add_check_options(p)


def _docs(path: Path, check: bool) -> int:
    text = render_docs()
    if check:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            print(f"{path}: out of date; run reviewer rules --docs {path}", file=sys.stderr)
            return ExitCode.FINDINGS
        return ExitCode.OK
    try:
        write_output(path, text.encode("utf-8"), named=True)
    except OSError as exc:
        raise CommandError(f"reviewer: {path}: {exc.strerror or exc}", ExitCode.USAGE) from None
    print(f"{path}: {len(RULES)} rules documented")
    return ExitCode.OK


def acceptance(paths: list[str], as_json: bool) -> int:
    """Per-rule decisions in review files, and proposed configuration lines."""
    counts = tally(load(p) for p in paths)
    disable, demote = proposals(counts)
    if as_json:
        sys.stdout.write(json.dumps({
            "rules": {r: {**asdict(c), "decided": c.decided, "rate": round(c.rate, 3)}
                      for r, c in counts.items()},
            "propose": {"disable": disable, "severity.rules": dict.fromkeys(demote, "info")},
        }, indent=2) + "\n")
        return ExitCode.OK
    width = max((len(r) for r in counts), default=4)
    print(f"{'rule':<{width}}  accepted  edited  rejected  rate")
    for r, c in sorted(counts.items(), key=lambda rc: (rc[1].rate, rc[0])):
        print(f"{r:<{width}}  {c.accepted:>8}  {c.edited:>6}  {c.rejected:>8}  {c.rate:>4.0%}")
    if disable or demote:
        print(f"\n# proposed for reviewer.toml (rules with {MIN_DECIDED}+ decisions that "
              "editors keep rejecting; or set learn = true after `reviewer learn`):")
        if disable:
            print("disable = [" + ", ".join(json.dumps(r) for r in disable) + "]")
        if demote:
            print("[severity.rules]")
            for r in demote:
                print(f'{r} = "info"')
    return ExitCode.OK


def run(args: argparse.Namespace) -> int:
    if args.docs is not None:
        return _docs(args.docs, args.check)
    if args.from_files:
        return acceptance(args.from_files, args.format == "json")
    if args.check:
        raise CommandError("reviewer rules: --check goes with --docs PATH", ExitCode.USAGE)
    settings = settings_from_args(args)
    rows = ours(settings) + ([] if args.ours else languagetools(settings))
    if args.format == "json":
        sys.stdout.write(json.dumps({"rules": [asdict(r) for r in rows]}, ensure_ascii=False,
                                    indent=2) + "\n")
        return ExitCode.OK
    width = max(len(r.id) for r in rows)
    for r in rows:
        sys.stdout.write(f"{r.id:<{width}}  {'on ' if r.on else 'off'}  {r.severity:<8} "
                         f"{r.source:<12} {r.category:<20} {r.title}\n")
    on = sum(r.on for r in rows)
    print(f"{len(rows)} rules, {on} on, {len(rows) - on} off", file=sys.stderr)
    return ExitCode.OK
