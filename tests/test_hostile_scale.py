"""Huge and adversarial inputs finish (issue 20): the slow suite, `pytest -m slow`.

Each input is the shape that made a pattern quadratic (or cubic) in its length:
a megabyte of it took hours. Linear code takes about a second here; the bound
(`finishes_within`) is sixty times that, so that a loaded machine never fails
it and a quadratic version never meets it. Speed itself is measured by
`bench/adversarial.py` and `bench/hostile_scale.py`, not here.
"""

from __future__ import annotations

import hashlib
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import FrameType

import pytest

from reviewer.cli import main
from reviewer.confidence.features import Sentences
from reviewer.inputs import markdown
from reviewer.review.record import ReviewFile, dumps
from reviewer.review.store import load
from reviewer.review.suggest import Status
from reviewer.rules.base import Subject
from reviewer.rules.run import RuleConfig
from reviewer.text.protected import protected_spans
from testkit.review_factory import suggestions

pytestmark = pytest.mark.slow

MEGABYTE = 1_000_000
BOUND = 60  # seconds: a generous bound, not a measure


@contextmanager
def finishes_within(seconds: int) -> Iterator[None]:
    """Fail the test when the block runs longer than `seconds` (a hang is a failure)."""
    def expire(signum: int, frame: FrameType | None) -> None:
        raise AssertionError(f"not finished in {seconds} s: quadratic?")

    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.mark.parametrize("run", ["x", "x_", "%1", "{", "<a ", "www."])
def test_protected_spans_of_a_megabyte_token(run: str) -> None:
    text = run * (MEGABYTE // len(run))
    with finishes_within(BOUND):
        spans = list(protected_spans(text))
    if " " not in run:  # one token: protected whole
        assert spans == [(0, len(text))]


@pytest.mark.parametrize(("run", "size"), [
    ("x_", MEGABYTE),  # an e-mail's name: every start of the run was tried
    ("`", MEGABYTE),  # backticks: cubic
    ("<!--", MEGABYTE),  # comments that never close
    ("![", MEGABYTE // 5),  # images whose text never closes
])
def test_markdown_of_a_megabyte_line(run: str, size: int) -> None:
    raw = ("Text " + run * (size // len(run))).encode()  # a paragraph, not a fence
    with finishes_within(BOUND):
        segments = markdown.extract(raw)
    assert len(segments) == 1


@pytest.mark.parametrize("run", ["x", "a-", "a'", "Ab ", "»", "1,"])
def test_every_rule_of_ours_on_a_quarter_megabyte_of_one_shape(run: str) -> None:
    """TQA_INCONSISTENT_SPELLING tried a phrase from every letter of a word: 50,000 x's, 94 s.

    A quarter of a megabyte: enough for quadratic to take most of an hour, and some of our
    rules read each character slowly (the usage models: 20 µs a "»")."""
    text = run * (MEGABYTE // 4 // len(run))
    config = RuleConfig()
    subject = Subject(text=text, source=text, has_source=True, glossary=())
    for rule in config.rules():
        if rule.check is not None:
            with finishes_within(BOUND):
                list(rule.check(subject, config.options_for(rule, "en-US")))


def test_sentence_ends_of_a_megabyte_of_exclamation_marks() -> None:
    with finishes_within(BOUND):
        sentences = Sentences("!" * MEGABYTE + " Then.")
    assert sentences.span(MEGABYTE + 1, MEGABYTE + 5) == (MEGABYTE + 1, MEGABYTE + 6)


def test_decide_accept_all_and_apply_on_thirty_thousand_suggestions(tmp_path: Path) -> None:
    words = 30_000
    text = " ".join(f"w{i}" for i in range(words)) + ".\n"
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    spans, pos = [], 0
    for w in text.split(" "):
        word = w.rstrip(".\n")
        spans.append((pos, pos + len(word), (word.upper(),)))
        pos += len(w) + 1
    review = ReviewFile(str(doc), sha256(text), suggestions(text, spans))
    path = tmp_path / "doc.review.json"
    path.write_text(dumps(review), encoding="utf-8")
    with finishes_within(BOUND):
        assert main(["decide", str(path), "--accept-all"]) == 0
    assert {s.status for s in load(path).suggestions} == {Status.ACCEPTED}
    out = tmp_path / "out.txt"
    with finishes_within(BOUND):
        assert main(["apply", str(path), "--no-recheck", "-o", str(out)]) in (0, 1)
    assert out.read_text(encoding="utf-8") == " ".join(f"W{i}" for i in range(words)) + ".\n"


def test_twenty_thousand_accepted_edits_of_one_span(tmp_path: Path) -> None:
    text = "He go home.\n"
    one = suggestions(text, [(3, 5, ("goes",))])[0]
    many = tuple(replace(one, finding=replace(one.finding, id=f"{one.id}-{n}"),
                         status=Status.ACCEPTED, choice=0) for n in range(2, 20_002))
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    path = tmp_path / "doc.review.json"
    path.write_text(dumps(ReviewFile(str(doc), sha256(text), many)), encoding="utf-8")
    out = tmp_path / "out.txt"
    with finishes_within(BOUND):
        code = main(["apply", str(path), "--no-recheck", "-o", str(out)])
    assert code == 1  # every one conflicts with every other: none applied
    assert out.read_text(encoding="utf-8") == text
