"""`reviewer completion bash|zsh|fish`: print the shell's completion script (argcomplete).

The script asks `reviewer` itself for completions: the shell runs it with
`_ARGCOMPLETE` set, and `complete` answers from the full parser, so commands,
options and their choices are always those of the installed version.
"""

from __future__ import annotations

import argparse
from typing import Any

SHELLS = ("bash", "zsh", "fish")
COMPLETING = "_ARGCOMPLETE"  # argcomplete's variable: set while a shell asks for completions
# Where each shell loads the printed script from (README, docs/editors.md).
INSTALL = {
    "bash": "eval \"$(reviewer completion bash)\"   # in ~/.bashrc",
    "zsh": "eval \"$(reviewer completion zsh)\"    # in ~/.zshrc",
    "fish": "reviewer completion fish > ~/.config/fish/completions/reviewer.fish",
}


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "completion", help="print the shell completion script for bash, zsh or fish",
        description="Print the completion script of SHELL. Load it with:\n  "
                    + "\n  ".join(INSTALL.values()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("shell", choices=SHELLS, metavar="SHELL", help=", ".join(SHELLS))


def complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request and exit (argcomplete's protocol)."""
    import argcomplete

    argcomplete.autocomplete(parser)


def run(args: argparse.Namespace) -> int:
    from argcomplete.shell_integration import shellcode

    print(shellcode(["reviewer"], shell=args.shell), end="")
    return 0
