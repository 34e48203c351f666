"""Decisions of the live page against the review file, without HTTP or a browser."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from reviewer.review.merge import merge_suggestions
from reviewer.review.store import load
from reviewer.review.suggest import Decision, Status
from reviewer.serve.decisions import Conflict, Request, clean_name, parse, take
from reviewer.serve.served import ServeError, collect, file_version, revisions
from testkit.serve_helper import write_review

AT = "2026-11-30T10:00:00Z"


def ask(sid: str, status: Status, rev: int, by: str = "ann", choice: int | None = None,
        edited: str | None = None, comment: str = "") -> Request:
    return Request(Decision(id=sid, status=status, choice=choice, edited_text=edited,
                            comment=comment, by=by, at=AT), rev)


def ids(path: Path) -> dict[str, str]:
    return {s.finding.rule_id: s.id for s in load(path).suggestions}


def test_a_decision_is_recorded_with_who_when_and_where(tmp_path: Path) -> None:
    path = write_review(tmp_path)
    go = ids(path)["HE_VERB_AGR"]
    first = file_version(path)

    taken = take(path, [ask(go, Status.ACCEPTED, 0, choice=1)])

    after = taken.after
    assert load(path) == after
    assert after.get(go).replacement == "went"
    assert [(h.id, h.action, h.status, h.by, h.at) for h in after.history] == [
        (go, "serve", Status.ACCEPTED, "ann", AT)]
    assert revisions(taken.before)[go] == 0 and revisions(after)[go] == 1
    assert (taken.prev, taken.version) == (first, file_version(path))
    assert taken.prev != taken.version


def test_a_decision_on_an_outdated_revision_is_a_conflict_and_nothing_is_written(
    tmp_path: Path
) -> None:
    path = write_review(tmp_path)
    found = ids(path)
    go, an = found["HE_VERB_AGR"], found["EN_A_VS_AN"]
    take(path, [ask(go, Status.ACCEPTED, 0)])
    written = path.read_bytes()

    with pytest.raises(Conflict) as caught:  # bob still saw revision 0 of `go`
        take(path, [ask(an, Status.ACCEPTED, 0, by="bob"), ask(go, Status.REJECTED, 0, by="bob")])

    assert caught.value.ids == (go,)
    assert caught.value.version == file_version(path)
    assert caught.value.review.get(go).by == "ann"
    assert path.read_bytes() == written  # all or nothing: `an` was not taken either


def test_the_same_decision_sent_twice_is_no_conflict(tmp_path: Path) -> None:
    path = write_review(tmp_path)
    go = ids(path)["HE_VERB_AGR"]
    take(path, [ask(go, Status.REJECTED, 0, by="ann", comment="not an error")])

    # a double click: the same editor, the same decision and comment, on revision 0
    after = take(path, [ask(go, Status.REJECTED, 0, by="ann", comment="not an error")]).after

    assert [(h.status, h.by, h.comment) for h in after.history] == [
        (Status.REJECTED, "ann", "not an error")] * 2


def test_a_stale_decision_with_another_comment_or_editor_is_a_conflict(tmp_path: Path) -> None:
    # Issue 20: ten stale "rejected" with different comments all landed, the last comment won.
    path = write_review(tmp_path)
    go = ids(path)["HE_VERB_AGR"]
    take(path, [ask(go, Status.REJECTED, 0, by="ann", comment="a name")])
    written = path.read_bytes()

    for stale in (ask(go, Status.REJECTED, 0, by="ann", comment="a quotation"),
                  ask(go, Status.REJECTED, 0, by="bob", comment="a name")):
        with pytest.raises(Conflict):
            take(path, [stale])

    assert path.read_bytes() == written
    assert (load(path).get(go).comment, load(path).get(go).by) == ("a name", "ann")


def test_a_decision_that_does_not_fit_records_nothing(tmp_path: Path) -> None:
    path = write_review(tmp_path)
    found = ids(path)
    written = path.read_bytes()
    with pytest.raises(ValueError, match="choice 3 out of range"):
        take(path, [ask(found["EN_A_VS_AN"], Status.ACCEPTED, 0),
                    ask(found["HE_VERB_AGR"], Status.ACCEPTED, 0, choice=2)])
    with pytest.raises(ValueError, match="no suggestion 'nope'"):
        take(path, [ask("nope", Status.REJECTED, 0)])
    assert path.read_bytes() == written


def test_parse_names_the_bad_field_and_takes_who_and_when_from_the_server() -> None:
    body = {"by": "forged", "decisions": [
        {"id": "abc", "status": "edited", "edited_text": "x", "rev": 2, "at": "1999", "by": "x"}]}
    (r,) = parse(body, "ann", AT)
    assert (r.rev, r.decision.by, r.decision.at, r.decision.edited_text) == (2, "ann", AT, "x")
    for bad, message in [
        ({}, "non-empty 'decisions'"),
        ({"decisions": [{"id": "a", "status": "rejected"}]}, "decision 1: 'rev'"),
        ({"decisions": [{"id": "a", "status": "maybe", "rev": 0}]}, "Invalid enum value 'maybe'"),
        ({"decisions": [{"id": "a", "status": "obsolete", "rev": 0}]}, "not a decision"),
        ({"decisions": [{"id": "a", "status": "edited", "rev": 0}]}, "needs 'edited_text'"),
    ]:
        with pytest.raises(ValueError, match=message):
            parse(bad, "ann", AT)


def test_names_typed_in_a_page_are_one_printable_line() -> None:
    assert clean_name("  ann\n\x1b[31m smith ") == "ann [31m smith"
    assert clean_name(42) == ""
    assert len(clean_name("x" * 500)) == 80


def test_decisions_on_different_suggestions_at_the_same_moment_all_land(tmp_path: Path) -> None:
    path = write_review(tmp_path)
    sids = list(ids(path).values())
    start = threading.Barrier(len(sids))
    errors: list[BaseException] = []

    def editor(sid: str, name: str) -> None:
        start.wait()
        try:
            take(path, [ask(sid, Status.REJECTED, 0, by=name)])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=editor, args=(sid, f"editor{i}"))
               for i, sid in enumerate(sids)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    review = load(path)
    assert {s.id: (s.status, s.by) for s in review.suggestions} == {
        sid: (Status.REJECTED, f"editor{i}") for i, sid in enumerate(sids)}
    assert len(review.history) == len(sids)


def test_a_decision_from_a_page_comes_back_with_its_text(tmp_path: Path) -> None:
    # obsolete, then its text is back: the last decision (taken in a page) is restored
    path = write_review(tmp_path)
    go = ids(path)["HE_VERB_AGR"]
    review = take(path, [ask(go, Status.ACCEPTED, 0, choice=1)]).after
    gone, events = merge_suggestions(review.suggestions, review.history,
                                     tuple(s for s in review.suggestions if s.id != go), AT)
    back, _ = merge_suggestions(gone, review.history + events, review.suggestions, AT)
    restored = {s.id: s for s in back}[go]
    assert (restored.status, restored.replacement, restored.by) == (Status.ACCEPTED, "went",
                                                                    "ann")


def test_collect_serves_files_and_folders_under_unique_keys(tmp_path: Path) -> None:
    first = write_review(tmp_path / "a")
    second = write_review(tmp_path / "b")
    third = write_review(tmp_path / "b", name="other")
    served = collect([str(first), str(tmp_path / "b" / "reports"), str(first)])
    assert [(s.key, s.path, s.document) for s in served] == [
        ("doc", first, "doc.txt"), ("doc-2", second, "doc.txt"), ("other", third, "other.txt")]
    (tmp_path / "c").mkdir()
    with pytest.raises(ServeError, match="no \\*.review.json files"):
        collect([str(tmp_path / "c")])
    (tmp_path / "c" / "x.review.json").write_text("{}", "utf-8")
    with pytest.raises(ServeError, match="not a review file"):
        collect([str(tmp_path / "c")])
    with pytest.raises(ServeError, match="no such review file or folder"):
        collect([str(tmp_path / "missing.review.json")])


def test_a_review_file_naming_a_document_outside_is_not_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A review file is not trusted (issue 13): serve shows and re-checks only what apply may.
    monkeypatch.chdir(tmp_path)
    path = write_review(tmp_path / "a")
    data = json.loads(path.read_text("utf-8"))
    for named in ("/etc/os-release", "../../etc/os-release"):
        data["document"]["path"] = named
        path.write_text(json.dumps(data), "utf-8")
        with pytest.raises(ServeError, match="is not inside the working directory"):
            collect([str(path)])
    (tmp_path / "link.txt").symlink_to("/etc/os-release")
    data["document"]["path"] = "link.txt"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(ServeError, match="link.txt"):
        collect([str(path)])
