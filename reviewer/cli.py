"""The `reviewer` command line: a registry of subcommands and `main(argv) -> int`."""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Sequence
from types import ModuleType

from reviewer import __version__
from reviewer.commands.terminal import printable
from reviewer.exitcodes import EPILOG, ExitCode

# Each command module has `add_parser(subparsers)` and `run(args) -> int`; a command ends
# early by raising CommandError, or lets a domain error through (`_failure`): one line here.
# Modules are imported when their command runs: `check` need not load the web server.
COMMANDS: dict[str, str] = {
    "check": "reviewer.commands.check",
    "setup": "reviewer.commands.setup",
    "server": "reviewer.commands.server",
    "baseline": "reviewer.commands.baseline",
    "review": "reviewer.commands.review",
    "decide": "reviewer.commands.decide",
    "list": "reviewer.commands.list_cmd",
    "apply": "reviewer.commands.apply_cmd",
    "import": "reviewer.commands.import_cmd",
    "serve": "reviewer.commands.serve",
    "config": "reviewer.commands.config_cmd",
    "rules": "reviewer.commands.rules",
    "learn": "reviewer.commands.learn",
    "completion": "reviewer.commands.completion",
}


def command(name: str) -> ModuleType:
    """The module of command `name`."""
    return importlib.import_module(COMMANDS[name])


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of command `only` (the others are not imported)."""
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="Check, review and correct translated English text.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS if only is None else (only,):
        command(name).add_parser(sub)
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


def _command_in(argv: Sequence[str]) -> str | None:
    # The top-level parser has only options before the command, none taking a value.
    name = next((a for a in argv if not a.startswith("-")), None)
    return name if name in COMMANDS else None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns an `ExitCode`."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv == ["--version"]:  # answered before any command module is imported
        print(f"reviewer {__version__}")
        return int(ExitCode.OK)
    from reviewer.commands.completion import COMPLETING, complete

    if COMPLETING in os.environ:  # a shell asks for completions (`reviewer completion`)
        complete(build_parser())
    parser = build_parser(_command_in(argv))
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:  # argparse would print the top-level usage: print the command's
            _command_parser(parser, args).error(f"unrecognized arguments: {' '.join(extras)}")
    except SystemExit as exc:  # argparse exits on --help and on usage errors
        return int(exc.code or 0) if exc.code in (0, None) else int(ExitCode.USAGE)
    try:
        return int(command(args.command).run(args))
    except KeyboardInterrupt:
        print("reviewer: interrupted", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except Exception as exc:
        failed = _failure(exc)
        if failed is None:
            raise
        message, code = failed
        _say(message)
        return int(code)


def _failure(exc: Exception) -> tuple[str, int] | None:
    """The one line and the exit code of an error a command may end with; None for a bug.

    The one place where errors become exit codes; their modules are imported only
    when a command failed.
    """
    from reviewer.commands.common import CommandError
    from reviewer.config import ConfigError
    from reviewer.pipelines.session import EngineFailure, UsageError
    from reviewer.review.record import ReviewFileError
    from reviewer.serve.served import ServeError

    if isinstance(exc, CommandError):
        return str(exc), exc.code
    if isinstance(exc, ReviewFileError):  # one line, whatever the file's text holds
        return printable(f"reviewer: {exc}"), ExitCode.USAGE
    if isinstance(exc, (UsageError, ConfigError)):
        return f"reviewer: {exc}", ExitCode.USAGE
    if isinstance(exc, ServeError):  # `serve` cannot start
        return f"reviewer serve: {exc}", ExitCode.USAGE
    if isinstance(exc, EngineFailure):
        return f"reviewer: {exc}", ExitCode.ENGINE
    return None


def _say(message: str) -> None:
    """An error on stderr, each line with its control characters escaped (names come
    from files and from the command line)."""
    print("\n".join(printable(line) for line in message.split("\n")), file=sys.stderr)


def _terminate(signum: int, frame: object) -> None:
    # Turn SIGTERM into an exception so that `finally` blocks stop the JVM.
    raise KeyboardInterrupt


def run_command(argv: Sequence[str]) -> int:
    """Run one command as the `reviewer` process does (SIGTERM ends it like Ctrl-C)."""
    signal.signal(signal.SIGTERM, _terminate)
    try:
        code = main(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        # `reviewer list | head`: the reader went away; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = int(ExitCode.BROKEN_PIPE)
    return code


def entry() -> None:
    """Console-script entry point: the resident process runs the command when it can
    (reviewer.resident), else this one does."""
    from reviewer.resident.client import run_resident

    argv = sys.argv[1:]
    code = run_resident(argv)
    sys.exit(run_command(argv) if code is None else code)
