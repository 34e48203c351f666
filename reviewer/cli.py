"""The `reviewer` command line: a registry of subcommands and `main(argv) -> int`."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Sequence
from types import ModuleType

from reviewer import __version__
from reviewer.commands import (
    apply_cmd,
    baseline,
    check,
    config_cmd,
    decide,
    learn,
    list_cmd,
    review,
    rules,
    serve,
    server,
    setup,
)
from reviewer.commands.common import CommandError
from reviewer.commands.terminal import printable
from reviewer.exitcodes import EPILOG, ExitCode
from reviewer.review.store import ReviewFileError

# Each command module has `add_parser(subparsers)` and `run(args) -> int`; a command ends
# early by raising CommandError (or ReviewFileError), turned into one line here.
COMMANDS: dict[str, ModuleType] = {
    "check": check,
    "setup": setup,
    "server": server,
    "baseline": baseline,
    "review": review,
    "decide": decide,
    "list": list_cmd,
    "apply": apply_cmd,
    "serve": serve,
    "config": config_cmd,
    "rules": rules,
    "learn": learn,
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="Check, review and correct translated English text.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS.values():
        module.add_parser(sub)
    return parser


def _command_parser(parser: argparse.ArgumentParser,
                    args: argparse.Namespace) -> argparse.ArgumentParser:
    """The parser of the (sub)command `args` ran: `check`'s, `baseline create`'s..."""
    while True:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        name = getattr(args, subs[0].dest, None) if subs else None
        if not subs or name not in subs[0].choices:
            return parser
        parser = subs[0].choices[name]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns an `ExitCode`."""
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:  # argparse would print the top-level usage: print the command's
            _command_parser(parser, args).error(f"unrecognized arguments: {' '.join(extras)}")
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0) if exc.code in (0, None) else int(ExitCode.USAGE)
    try:
        return int(COMMANDS[args.command].run(args))
    except CommandError as exc:
        _say(str(exc))
        return exc.code
    except ReviewFileError as exc:  # one line, whatever the file's text holds
        _say(printable(f"reviewer: {exc}"))
        return int(ExitCode.USAGE)
    except KeyboardInterrupt:
        print("reviewer: interrupted", file=sys.stderr)
        return 130


def _say(message: str) -> None:
    """An error on stderr, each line with its control characters escaped (names come
    from files and from the command line)."""
    print("\n".join(printable(line) for line in message.split("\n")), file=sys.stderr)


def _terminate(signum: int, frame: object) -> None:
    # Turn SIGTERM into an exception so that `finally` blocks stop the JVM.
    raise KeyboardInterrupt


def entry() -> None:
    """Console-script entry point."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # `reviewer list | head`: the reader went away; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 141
    sys.exit(code)
