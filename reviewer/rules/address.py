"""Forms of address punctuated the source language's way."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject

# A title's full stop (`Dear Dr. Smith!`) does not end the address; any other one does.
_TITLE = r"\b(?:Mr|Mrs|Ms|Messrs|Mmes?|Dr|Prof|Rev|Hon|Gen|Col|Capt|Sen|Amb)\."
_ADDRESS = (
    r"(?:(?:Dear|Distinguished|Esteemed|Respected|Honou?rable|Excellencies)\b"
    r"(?:" + _TITLE + r"|[^\n.!?:;]){0,80}"
    r"|Ladies and [Gg]entlemen|(?:My )?(?:[Ff]riends|[Cc]olleagues))"
)
# An address on a line of its own, or several in a row: "Dear co-chairmen! Ladies and gentlemen!"
_EXCLAIMED = re.compile(r"(?m)(?:^|(?<=! ))[ \t]*" + _ADDRESS + r"(!)(?=[ \t]*$|[ \t]+" + _ADDRESS
                        + r"!)")


def check_exclamation_after_address(subject: Subject, options: Options) -> Iterator[Hit]:
    """An exclamation mark after a form of address: `Dear participants of the Seminar!`

    Russian speeches and letters close an address with `!` (`Уважаемые
    коллеги!`); English uses a comma (`Dear colleagues,`), or a colon in
    formal American letters. Reported when the address (`Dear …`,
    `Distinguished …`, `Ladies and gentlemen`, `Colleagues`, `Friends`) stands on
    a line of its own or is followed by another one; titles such as `Mr.` may
    stand inside it (`Dear Dr. Smith!`, `Respected Mr. Chairman, dear
    colleagues!`). `Dear me!` inside a sentence is left alone.
    """
    for m in _EXCLAIMED.finditer(subject.text):
        yield Hit(
            m.start(1),
            m.end(1),
            "English closes a form of address with a comma, not '!'.",
            (",",),
        )


EXCLAMATION_AFTER_ADDRESS = Rule(
    id="TQA_EXCLAMATION_AFTER_ADDRESS",
    title="'!' after a form of address",
    category="LOCALE",
    severity=Severity.MINOR,
    issue_type="locale-violation",
    check=check_exclamation_after_address,
)
