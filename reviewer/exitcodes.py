"""Exit codes of every `reviewer` command (documented in README and `--help`)."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # nothing at or above the gate
    FINDINGS = 1  # findings at or above the gate (or a decision/apply left work undone)
    USAGE = 2  # bad command line, unreadable or invalid input, bad configuration
    ENGINE = 3  # LanguageTool could not be provisioned, started or reached
    INTERRUPTED = 130  # Ctrl-C or SIGTERM (128 + SIGINT, as shells report it)
    BROKEN_PIPE = 141  # the reader of the output went away (`| head`; 128 + SIGPIPE)


EPILOG = """\
exit codes:
  0  the check passed the gate
  1  the check failed the gate: a finding at or above --fail-on (default major), or,
     when a limit is given, more counted findings than --max-findings N, more per
     1,000 words than --max-density N, or a quality score above --max-score N;
     with --baseline only new findings count, with --review-file those an editor
     rejected do not
  2  usage or input error, one line (bad option, unreadable, binary or invalid UTF-8
     file, not a regular file or over 100 MB, invalid baseline, configuration, review
     or decisions file, a document that is not the reviewed one or lies outside the
     working directory, an output that would overwrite an input, an --output file
     that cannot be written)
  3  engine error (LanguageTool missing, failed to start, or a block could not be checked)
  130  interrupted (Ctrl-C or SIGTERM); a server started for the run is stopped
  141  the output's reader went away (`reviewer list | head`): nothing more is printed
"""
