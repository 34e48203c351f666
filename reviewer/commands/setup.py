"""`reviewer setup`: check Java and Maven, fetch the LanguageTool jars once."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reviewer.exitcodes import ExitCode
from reviewer.lt.provision import ProvisionError, setup


def add_parser(sub: Any) -> None:
    p = sub.add_parser("setup", help="fetch LanguageTool from Maven Central (idempotent)")
    p.add_argument("--force", action="store_true", help="fetch again even if present")


def run(args: argparse.Namespace) -> int:
    try:
        setup(force=args.force)
    except ProvisionError as exc:
        print(f"reviewer: setup: {exc}", file=sys.stderr)
        return ExitCode.ENGINE
    return ExitCode.OK
