"""Exit codes of every `reviewer` command (documented in README and `--help`)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # nothing at or above the gate
    FINDINGS = 1  # findings at or above the gate (or a decision/apply left work undone)
    USAGE = 2  # bad command line, unreadable or invalid input, bad configuration
    ENGINE = 3  # LanguageTool could not be provisioned, started or reached


EPILOG = """\
exit codes:
  0  no finding at or above --fail-on
  1  findings at or above --fail-on
  2  usage or input error (bad option, unreadable, binary or invalid UTF-8 file)
  3  engine error (LanguageTool missing, failed to start, or a block could not be checked)
"""
