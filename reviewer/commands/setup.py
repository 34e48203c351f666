"""`reviewer setup`: find a Java, fetch the LanguageTool jars once (verified by the lock)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from reviewer.exitcodes import ExitCode
from reviewer.lt.errors import ProvisionError
from reviewer.lt.provision import LOCK_NAME, setup


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "setup",
        help="fetch LanguageTool from Maven Central, every jar verified (idempotent)",
        description="Check for Java 17+ (or the reviewer[java] extra) and download "
                    f"LanguageTool's jars listed in {LOCK_NAME}, each checked against its "
                    "SHA-256; Maven resolves them instead when the lock cannot be used.",
    )
    p.add_argument("--force", action="store_true", help="fetch again even if present")
    p.add_argument("--maven", action="store_true",
                   help="resolve with Maven instead of downloading from the lock "
                        "(the result is still checked against the lock)")
    p.add_argument("--lock", type=Path, metavar="FILE",
                   help=f"resolve with Maven and write the lock of what it resolved to FILE "
                        f"(maintainers, after changing pom.xml: --lock {LOCK_NAME})")


def run(args: argparse.Namespace) -> int:
    try:
        setup(force=args.force, maven=args.maven, write_lock=args.lock)
    except (ProvisionError, OSError) as exc:
        from reviewer.pipelines.session import EngineFailure  # the checker: only on failure

        raise EngineFailure(f"setup: {exc}") from None
    return ExitCode.OK
