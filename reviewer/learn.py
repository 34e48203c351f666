"""Learning from editors' decisions: per-rule acceptance, and confidence adjusted by it.

Review files record what editors accepted, edited and rejected. `tally` counts
each rule's decided suggestions; `proposals` turns rules editors keep rejecting
into configuration lines (disable, or demote to info); `Learned` is the file
`reviewer learn` writes next to the configuration, and with `learn = true` a
check adjusts each finding's confidence by its rule's record:

    confidence' = (K * confidence + accepted) / (K + decided)

that is, the model's confidence is the prior mean of the rule's precision,
worth K = 10 decisions, updated with what editors decided. A rule editors
accepted 0 times in 30 falls from 0.6 to 0.15; one they always accept rises.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reviewer.codec import RecordError, convert, decode_plain, encode, plain
from reviewer.files import FileError, read_bounded
from reviewer.model import Finding
from reviewer.review.suggest import Status

if TYPE_CHECKING:  # a check with `learn` reads no review file: its record stays unimported
    from reviewer.review.record import ReviewFile

LEARNED_NAME = "reviewer-learned.json"
PRIOR = 10.0  # decisions the model's confidence is worth
SCHEMA_VERSION = 1
_OLD_VERSION_KEY = "format"  # what learned files called `schema_version` before 2026-12

# When to propose a configuration line (rules with at least MIN_DECIDED decisions).
MIN_DECIDED = 5
DISABLE_BELOW = 0.2  # accepted or edited in fewer than 20 % of decisions
DEMOTE_BELOW = 0.5


class LearnError(ValueError):
    """A learned file that cannot be used; names the file and the cause."""


@dataclass(frozen=True, slots=True)
class Counts:
    """A rule's decided suggestions: accepted as offered, edited, rejected."""

    accepted: int = 0
    edited: int = 0
    rejected: int = 0

    @property
    def decided(self) -> int:
        return self.accepted + self.edited + self.rejected

    @property
    def taken(self) -> int:
        """Accepted or edited: the editor agreed something was wrong there."""
        return self.accepted + self.edited

    @property
    def rate(self) -> float:
        return self.taken / self.decided if self.decided else 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.accepted + other.accepted, self.edited + other.edited,
                      self.rejected + other.rejected)


_COUNTED = {Status.ACCEPTED: Counts(accepted=1), Status.EDITED: Counts(edited=1),
            Status.REJECTED: Counts(rejected=1)}


def tally(reviews: Iterable[ReviewFile]) -> dict[str, Counts]:
    """Each rule's decisions over every review file (pending and obsolete not counted).

    A finding with a `sub_id` (the context a model judged: the head noun of an
    article finding) is counted for its rule and for `RULE[sub_id]` too.
    """
    out: dict[str, Counts] = {}
    for review in reviews:
        for s in review.suggestions:
            counted = _COUNTED.get(s.status)
            if counted is not None:
                for key in _keys(s.finding):
                    out[key] = out.get(key, Counts()) + counted
    return dict(sorted(out.items()))


def _keys(f: Finding) -> tuple[str, ...]:
    return (f.rule_id, f"{f.rule_id}[{f.sub_id}]") if f.sub_id else (f.rule_id,)


def proposals(counts: Mapping[str, Counts]) -> tuple[list[str], list[str]]:
    """(rules to disable, rules to demote to info): editors keep rejecting them."""
    disable, demote = [], []
    for rule, c in counts.items():
        if c.decided < MIN_DECIDED or "[" in rule:  # a context is quieted by learning alone
            continue
        if c.rate < DISABLE_BELOW:
            disable.append(rule)
        elif c.rate < DEMOTE_BELOW:
            demote.append(rule)
    return disable, demote


@dataclass(frozen=True, slots=True)
class Learned:
    """What editors decided, per rule: the file `reviewer learn` writes."""

    schema_version: int = SCHEMA_VERSION
    rules: dict[str, Counts] = field(default_factory=dict)
    sources: tuple[str, ...] = ()  # the review files it was learnt from

    def adjust(self, findings: Sequence[Finding]) -> list[Finding]:
        """`findings` with each confidence updated by the decisions on its context or its rule.

        The context's record (`RULE[sub_id]`) is used once it has a decision, so an
        editor who rejects `the` before one noun quiets that noun, not every article.
        """
        out = []
        for f in findings:
            c = None
            for key in reversed(_keys(f)):
                c = self.rules.get(key)
                if c is not None and c.decided:
                    break
            if c is None or not c.decided:
                out.append(f)
                continue
            learned = (PRIOR * f.confidence + c.taken) / (PRIOR + c.decided)
            out.append(replace(f, confidence=round(learned, 4)))
        return out


def learned_path(config_file: str | None, cwd: Path | None = None) -> Path:
    """Where the learned file lives: next to the configuration file, else here."""
    folder = Path(config_file).parent if config_file else (cwd or Path.cwd())
    return folder / LEARNED_NAME


def load_learned(path: Path) -> Learned | None:
    """The learned file at `path`, or None when there is none; LearnError when unusable."""
    if not path.exists():
        return None
    try:  # regular files only, bounded: the name may be a link to a device
        text = read_bounded(path).decode("utf-8")
    except FileError as exc:
        raise LearnError(f"{path}: cannot read: {exc.cause}") from None
    except UnicodeDecodeError as exc:
        raise LearnError(f"{path}: cannot read: invalid UTF-8 at byte {exc.start}") from None
    try:
        raw = decode_plain(text)
        if isinstance(raw, dict) and _OLD_VERSION_KEY in raw and "schema_version" not in raw:
            raw["schema_version"] = raw.pop(_OLD_VERSION_KEY)  # a file learnt before the rename
        learned = convert(raw, Learned)
    except RecordError as exc:
        raise LearnError(f"{path}: not a learned file: {exc}") from None
    if learned.schema_version != SCHEMA_VERSION:
        raise LearnError(f"{path}: schema_version {learned.schema_version}, this reviewer reads "
                         f"{SCHEMA_VERSION}")
    return learned


def dumps(learned: Learned) -> str:
    return encode(plain(learned))
