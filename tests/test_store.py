"""The review file: lossless, deterministic, atomic, locked, and strict about bad files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import fields, replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.cli import main
from reviewer.codec import plain
from reviewer.review.record import ReviewFile, ReviewFileError, dumps, loads
from reviewer.review.store import load, update
from reviewer.review.suggest import Decision, HistoryEntry, Status, Suggestion
from testkit.review_factory import suggestions

ROOT = Path(__file__).resolve().parent.parent
WORDS = ["alpha", "beta", "gamma", "delta", "«", "»", "é", "𝔘", "\n", "a", "an"]


def make_review(tmp_path: Path, words: int = 40) -> tuple[Path, ReviewFile]:
    """A document of `words` words with one suggestion per word, written to a review file."""
    text = " ".join(f"{WORDS[i % len(WORDS)]}{i}" for i in range(words)) + ".\n"
    doc = tmp_path / "doc.txt"
    doc.write_text(text, encoding="utf-8")
    spans, pos = [], 0
    for w in text.split(" "):
        spans.append((pos, pos + len(w.rstrip(".\n")), (w.upper(), "x")))
        pos += len(w) + 1
    review = ReviewFile(str(doc), "0" * 64, suggestions(text, spans),
                        engine={"name": "LanguageTool", "version": "6.8"})
    path = tmp_path / "doc.review.json"
    path.write_text(dumps(review), encoding="utf-8")
    return path, review


EDIT = st.text(st.characters(blacklist_characters="\x00"), max_size=5)  # no NUL in a document


@st.composite
def reviews(draw: st.DrawFn) -> ReviewFile:
    text = draw(st.text(alphabet="ab «»é𝔘\n.", min_size=1, max_size=80))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8, unique=True)))
    reps = st.lists(st.text(alphabet="xy 𝔘\"", max_size=4), max_size=3).map(tuple)
    spans = [(a, b, draw(reps)) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    sugg = list(suggestions(text, spans))
    history = []
    for i, s in enumerate(sugg):
        status = draw(st.sampled_from(list(Status)))
        comment = draw(st.text(max_size=10))
        if status is Status.ACCEPTED and s.alternatives:
            sugg[i] = replace(s, status=status, choice=len(s.alternatives) - 1, comment=comment)
        elif status is Status.EDITED:
            sugg[i] = replace(s, status=status, edited_text=draw(EDIT))
        elif status in (Status.REJECTED, Status.OBSOLETE):
            sugg[i] = replace(s, status=status, by="ann", at="2026-01-01T00:00:00Z")
        history.append(HistoryEntry(at="2026-01-01T00:00:00Z", id=s.id, action="decide",
                                    status=sugg[i].status, choice=sugg[i].choice,
                                    edited_text=sugg[i].edited_text, comment=comment, by="ann"))
    return ReviewFile("doc.txt", "ab" * 32, tuple(sugg), tuple(history),
                      {"name": "LanguageTool", "version": "6.8"}, {"language": "en-US"}, "h")


@settings(max_examples=60, deadline=None)
@given(reviews())
def test_round_trip_is_lossless_and_byte_stable(review: ReviewFile) -> None:
    text = dumps(review)
    again = loads(text, "r.json")
    assert again == review
    assert dumps(again) == text



def test_every_field_of_the_record_is_kept_by_the_file() -> None:
    text = "He go home.\n"
    (s,) = suggestions(text, [(3, 5, ("goes",))])
    review = ReviewFile("doc.txt", "ab" * 32, (s,),
                        (HistoryEntry(at="2026-01-01T00:00:00Z", id=s.id, action="decide",
                                      status=Status.REJECTED, by="ann"),),
                        {"name": "LanguageTool", "version": "6.8"}, {"language": "en-US"}, "h",
                        {"picky": True}, text)
    blank = ReviewFile("", "", ())
    assert [f.name for f in fields(ReviewFile)
            if getattr(review, f.name) == getattr(blank, f.name)] == []
    assert loads(dumps(review), "r.json") == review

def test_each_suggestion_is_its_own_block_with_sorted_keys(tmp_path: Path) -> None:
    path, _ = make_review(tmp_path, words=3)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert text.count('\n    {\n      "finding"') == 3  # one block per suggestion
    assert data["summary"]["pending"] == 3


def test_a_suggestion_stores_nothing_twice_and_nothing_derived(tmp_path: Path) -> None:
    path, review = make_review(tmp_path, words=3)
    stored = json.loads(path.read_text(encoding="utf-8"))["suggestions"][0]
    # The path is the document's, the id the suggestion's; the sentence, the context,
    # the alternatives and the diffs come from the document and the replacements.
    assert set(stored) == {"finding", "id", "safety", "sentence_end", "sentence_start",
                           "status"}
    assert set(stored["finding"]) == {
        "category", "column", "confidence", "end", "end_column", "end_line", "issue_type",
        "line", "message", "replacements", "rule_id", "severity", "short_message", "source",
        "start", "text"}
    assert load(path) == replace(review, suggestions=tuple(
        replace(s, finding=replace(s.finding, path=review.document_path))
        for s in review.suggestions))


def test_a_schema_2_file_is_read_and_written_back_as_schema_3(tmp_path: Path) -> None:
    path, review = make_review(tmp_path, words=2)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["schema_version"] = 2
    for s in data["suggestions"]:  # what version 2 stored besides
        f = s["finding"]
        f.update(path=review.document_path, id=s["id"], sub_id="", url="", unit="",
                 context="a long context", sentence="its sentence")
        s.update(before="its sentence", note="", comment="", by="", at="", choice=None,
                 edited_text=None, alternatives=[{"text": r} for r in f["replacements"]])
    path.write_text(json.dumps(data), encoding="utf-8")
    again = load(path)
    assert [s.alternatives for s in again.suggestions] == [
        s.alternatives for s in review.suggestions]
    assert all(s.finding.context == s.finding.sentence == "" for s in again.suggestions)
    assert json.loads(dumps(again))["schema_version"] == 3


def decide(*argv: str) -> int:
    return main(["decide", *argv])


@pytest.mark.parametrize(
    ("mangle", "cause"),
    [
        (lambda t: t[: len(t) // 2], "corrupt or truncated JSON"),
        (lambda t: "", "corrupt or truncated JSON"),
        (lambda t: "[1, 2]", "expected a JSON object"),
        (lambda t: t.replace('"schema_version": 3', '"schema_version": 4'),
         "schema_version 4 is newer"),
        (lambda t: t.replace('"suggestions": [', '"suggestion": ['), "invalid review file"),
    ],
)
def test_bad_review_file_is_reported_and_left_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], mangle, cause: str  # type: ignore[no-untyped-def]
) -> None:
    path, review = make_review(tmp_path, words=3)
    path.write_text(mangle(path.read_text(encoding="utf-8")), encoding="utf-8")
    before = path.read_bytes()
    assert decide(str(path), review.suggestions[0].id, "--accept") == 2
    assert main(["list", str(path)]) == 2
    assert main(["apply", str(path), "--no-recheck"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 3 and all(str(path) in line and cause in line for line in err)
    assert path.read_bytes() == before


def test_decisions_are_recorded_with_history(tmp_path: Path) -> None:
    path, review = make_review(tmp_path, words=4)
    a, b, c, d = (s.id for s in review.suggestions)
    assert decide(str(path), a[:6], "--accept", "--choice", "2", "--by", "ann") == 0
    assert decide(str(path), b, "--edit", "Beta", "--comment", "house style") == 0
    assert decide(str(path), c, "--reject") == 0
    assert decide(str(path), d, "--accept", "--choice", "3") == 2  # only 2 alternatives
    got = {s.id: s for s in load(path).suggestions}
    assert (got[a].status, got[a].choice, got[a].by) == (Status.ACCEPTED, 1, "ann")
    assert got[a].replacement == "x"
    assert (got[b].status, got[b].replacement, got[b].comment) == (
        Status.EDITED, "Beta", "house style")
    assert got[c].status is Status.REJECTED and got[d].status is Status.PENDING
    assert [h.id for h in load(path).history] == [a, b, c]


def test_bulk_accept_takes_pending_ones_matching_the_filters(tmp_path: Path) -> None:
    path, review = make_review(tmp_path, words=5)
    first = review.suggestions[0].id
    assert decide(str(path), first, "--reject") == 0
    assert decide(str(path), "--accept-all", "--severity", "major", "--rule", "RULE") == 0
    statuses = [s.status for s in load(path).suggestions]
    assert statuses == [Status.REJECTED] + [Status.ACCEPTED] * 4
    assert decide(str(path), "--accept-all", "--category", "OTHER") == 0  # none match
    assert decide(str(path), "--reject-all", "--rule", "RULE", "x") == 2  # ids with bulk


def write_decisions(path: Path, sha: str, decisions: list[Decision]) -> None:
    data = {"schema_version": 1, "document_sha256": sha,
            "decisions": [plain(d) for d in decisions]}
    path.write_text(json.dumps(data), encoding="utf-8")


def test_import_is_all_or_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, review = make_review(tmp_path, words=3)
    a, b, _ = (s.id for s in review.suggestions)
    imported = tmp_path / "decisions.json"
    good = [Decision(id=a, status=Status.ACCEPTED, choice=1, by="web", at="2026-01-02T00:00:00Z"),
            Decision(id=b, status=Status.EDITED, edited_text="B", comment="c")]
    before = path.read_bytes()
    unknown = Decision(id="feedbeef", status=Status.REJECTED)
    write_decisions(imported, review.document_sha256, [*good, unknown])
    assert decide(str(path), "--import", str(imported)) == 2
    assert "unknown id 'feedbeef'" in capsys.readouterr().err
    write_decisions(imported, "1" * 64, good)
    assert decide(str(path), "--import", str(imported)) == 2
    assert "another version" in capsys.readouterr().err
    write_decisions(imported, review.document_sha256,
                    [*good, Decision(id=b, status=Status.ACCEPTED, choice=7)])
    assert decide(str(path), "--import", str(imported)) == 2
    assert "out of range" in capsys.readouterr().err
    assert path.read_bytes() == before
    write_decisions(imported, review.document_sha256, good)
    assert decide(str(path), "--import", str(imported)) == 0
    got = load(path)
    assert [s.decision() for s in got.suggestions[:2]] == [replace(good[0]), good[1]]
    assert [h.action for h in got.history] == ["import", "import"]


HAMMER = """
import sys
from reviewer.cli import main
path, verb, *ids = sys.argv[1:]
sys.exit(max(main(["decide", path, i, verb, "--by", verb.strip("-")]) for i in ids))
"""


def test_two_processes_hammering_one_file_lose_no_decision(tmp_path: Path) -> None:
    path, review = make_review(tmp_path, words=30)
    ids = [s.id for s in review.suggestions]
    procs = [
        subprocess.Popen([sys.executable, "-c", HAMMER, str(path), verb, *ids[k::2]],
                         cwd=ROOT, stdout=subprocess.DEVNULL)
        for k, verb in enumerate(("--accept", "--reject"))
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    got = load(path)
    assert [s.status for s in got.suggestions] == [
        Status.ACCEPTED if i % 2 == 0 else Status.REJECTED for i in range(len(ids))]
    assert sorted(h.id for h in got.history) == sorted(ids)


def test_concurrent_python_m_reviewer_decide_processes(tmp_path: Path) -> None:
    path, review = make_review(tmp_path, words=2)
    procs = [subprocess.Popen([sys.executable, "-m", "reviewer", "decide", str(path), s.id,
                               "--reject"], cwd=ROOT, stdout=subprocess.DEVNULL)
             for s in review.suggestions]
    assert [p.wait(timeout=60) for p in procs] == [0, 0]
    assert {s.status for s in load(path).suggestions} == {Status.REJECTED}


CRASH = """
import os, signal, sys
from reviewer.cli import main
os.replace = lambda src, dst: os.kill(os.getpid(), signal.SIGKILL)  # die before the rename
main(["decide", sys.argv[1], sys.argv[2], "--reject"])
"""


def test_killed_between_write_and_rename_leaves_the_old_file(tmp_path: Path) -> None:
    path, review = make_review(tmp_path, words=3)
    before = path.read_bytes()
    first = review.suggestions[0].id
    proc = subprocess.run([sys.executable, "-c", CRASH, str(path), first], cwd=ROOT)
    assert proc.returncode == -signal.SIGKILL
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.glob(".doc.review.json.*.tmp")]  # the write was done
    assert decide(str(path), first, "--accept") == 0  # and the lock died with the process
    assert load(path).suggestions[0].status is Status.ACCEPTED
    assert not list(tmp_path.glob("*.tmp"))  # the next writer cleaned up


def test_failed_change_leaves_the_file_untouched(tmp_path: Path) -> None:
    path, _ = make_review(tmp_path, words=2)
    before = path.read_bytes()

    def boom(review: ReviewFile | None) -> ReviewFile:
        raise ValueError("no")

    with pytest.raises(ValueError):
        update(path, boom)
    assert path.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["doc.review.json", "doc.txt"]  # no lock file left


def test_the_text_reviewed_is_kept_and_must_hold_every_span() -> None:
    text = "He go home.\n"
    review = ReviewFile("doc.txt", "0" * 64, suggestions(text, [(3, 5, ("goes",))]),
                        document_text=text)
    data = json.loads(dumps(review))
    assert data["document"]["text"] == text
    assert loads(dumps(review), "r.json") == review
    data["document"]["text"] = "He went home.\n"
    with pytest.raises(ReviewFileError, match=r"`document.text`: the document does not hold "
                                              r"'go' at 3-5 - at `\$.suggestions\[0\]`"):
        loads(json.dumps(data), "r.json")
    data["document"]["text"] = "He go\x00home.\n"
    with pytest.raises(ReviewFileError, match="NUL"):
        loads(json.dumps(data), "r.json")


class CountedPasses(tuple[Suggestion, ...]):
    """Suggestions that count how many times they are walked through."""

    passes = 0

    def __iter__(self) -> Iterator[Suggestion]:
        CountedPasses.passes += 1
        return super().__iter__()


@pytest.mark.parametrize("by", ["id", "prefix"])
def test_deciding_many_suggestions_walks_them_a_fixed_number_of_times(
    tmp_path: Path, by: str
) -> None:
    """Issue 20: each decision scanned every suggestion (10,000 took 46 s): by id now."""
    _, review = make_review(tmp_path, words=300)
    counted = replace(review, suggestions=CountedPasses(review.suggestions))
    keys = [s.id if by == "id" else s.id[:12] for s in review.suggestions]
    CountedPasses.passes = 0
    decided = counted.decide([Decision(id=k, status=Status.REJECTED) for k in keys], "decide")
    assert CountedPasses.passes <= 3  # not one per decision
    assert {s.status for s in decided.suggestions} == {Status.REJECTED}
    for k in keys:
        counted.get(k)
    assert CountedPasses.passes <= 3


def test_an_id_prefix_is_found_whole_or_refused_as_ambiguous_or_unknown() -> None:
    text = "one two three four"
    review = ReviewFile("doc.txt", "0" * 64, suggestions(text, [(0, 3, ("1",)), (4, 7, ("2",))]))
    a, b = sorted(s.id for s in review.suggestions)
    common = next(i for i in range(len(a)) if a[i] != b[i])
    assert review.get(a).id == a and review.get(b[:max(common + 1, 4)]).id == b
    with pytest.raises(KeyError, match="too short"):
        review.get(a[:3])
    with pytest.raises(KeyError, match="no suggestion"):
        review.get("zzzz")
    twins = replace(review, suggestions=(*review.suggestions, review.suggestions[0]))
    with pytest.raises(KeyError, match="ambiguous"):
        twins.get(review.suggestions[0].id)
    shared = ReviewFile("doc.txt", "0" * 64, tuple(
        replace(s, finding=replace(s.finding, id=f"abcd{n}")) for n, s in
        enumerate(review.suggestions)))
    with pytest.raises(KeyError, match="ambiguous"):
        shared.get("abcd")
    assert shared.get("abcd1").finding.id == "abcd1"
