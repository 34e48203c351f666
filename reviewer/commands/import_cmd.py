"""`reviewer import FILE EDITED.docx`: the editor's verdicts in Word, into the review file.

The document is one `reviewer apply` wrote as tracked changes and came back
from an editor (reviewer.inputs.docx_import says how each revision and comment
is read). The decisions go into the review file like `reviewer decide`'s: all
or nothing, each one logged in its history (action `import`), `by` the Word
author of a comment's reply, else `--user`.

Exit 0 when the decisions were recorded, 2 for bad input (nothing recorded).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer.clock import stamp
from reviewer.commands.terminal import default_reviewer, printable
from reviewer.exitcodes import ExitCode
from reviewer.pipelines.deciding import import_from_word


def add_parser(sub: Any) -> None:
    p = sub.add_parser("import", help="record the verdicts an editor gave in Word "
                                      "(accepted or rejected revisions, comment replies)")
    p.add_argument("review_file", metavar="FILE")
    p.add_argument("document", metavar="EDITED.docx",
                   help="the document `reviewer apply` wrote, back from the editor")
    p.add_argument("--user", default=default_reviewer(), metavar="NAME",
                   help="who decided, where Word does not record it (default: the login name)")


def run(args: argparse.Namespace) -> int:
    path = Path(args.review_file)
    done = import_from_word(path, args.document, args.user, stamp())
    for note in done.notes:
        print(f"note: {printable(note)}", file=sys.stderr)
    for d in done.taken:
        s = done.review.get(d.id)
        by = f" by {printable(d.by)}" if d.by else ""
        said = f": {printable(d.comment)!r}" if d.comment else ""
        print(f"{printable(s.id)} {s.status.value}{by}{said}")
    print(f"{printable(str(path))}: {len(done.taken)} decision(s) imported from "
          f"{printable(str(args.document))}")
    return ExitCode.OK
