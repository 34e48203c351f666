"""The review workflow on real LanguageTool findings: review, decide, re-review, apply."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.review.store import load
from reviewer.review.suggest import Status
from tests.conftest import DATA, ROOT, SEED

Run = Callable[..., tuple[int, str, str]]
REVIEW = "reports/seed.review.json"


def find(review_file: str, rule: str, text: str, nth: int = 0) -> str:
    """The id of the `nth` suggestion of `rule` on `text`."""
    found = [s.id for s in load(review_file).suggestions
             if s.finding.rule_id == rule and s.finding.text == text]
    return found[nth]


def decide_on_seed(run_cli: Run) -> None:
    """The editor's decisions behind tests/data/seed.corrected.txt."""
    decisions = [
        ("EN_A_VS_AN", "a", ["--accept"]),
        ("TQA_FOREIGN_QUOTES", "« ", ["--accept"]),
        ("TQA_FOREIGN_QUOTES", " »", ["--accept"]),
        ("TQA_MISSING_SPACE", "7March", ["--accept"]),
        ("MORFOLOGIK_RULE_EN_US", "antihuman", ["--edit", "inhuman", "--comment", "no dash"]),
        ("TQA_MIXED_SPELLING", "Defence", ["--reject", "--comment", "British spelling"]),
        ("MORFOLOGIK_RULE_EN_US", "Kazbat", ["--reject"]),
        ("AUXILIARY_DO_WITH_INCORRECT_VERB_FORM", "manufacturing", ["--accept"]),
        ("A_NNS", "a antipersonnel mines", ["--accept", "--choice", "2"]),
        ("EN_COMPOUNDS_MINE_FIELDS", "mine fields", ["--accept"]),
        ("TQA_DECIMAL_COMMA", "3,5", ["--accept"]),
        ("TQA_DATE_ORDER", "6 of August 1997", ["--accept"]),
        ("TQA_NUMBER_SIGN", "№", ["--accept"]),
    ]
    for rule, text, how in decisions:
        code, out, err = run_cli("decide", REVIEW, find(REVIEW, rule, text), *how, "--by", "ed")
        assert (code, err) == (0, ""), (rule, text, out)


@pytest.fixture
def seed_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copy(SEED, tmp_path / "seed.txt")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_review_decide_apply_on_the_seed(run_cli: Run, seed_dir: Path) -> None:
    code, out, err = run_cli("review", "seed.txt", "--language", "en-US")
    assert code == 0, err
    assert f"{REVIEW}: " in out
    assert len(load(REVIEW).suggestions) >= 19
    decide_on_seed(run_cli)

    code, out, err = run_cli("apply", REVIEW, "-o", "out.txt")

    assert code == 0, out + err
    assert (seed_dir / "out.txt").read_text(encoding="utf-8") == (
        DATA / "seed.corrected.txt").read_text(encoding="utf-8")
    assert "11 applied, 0 stale, 0 in conflict" in out
    assert "re-check: 11 of 11 corrected findings are gone" in out, out
    assert (seed_dir / "seed.txt").read_bytes() == SEED.read_bytes()  # source untouched


def test_re_review_of_an_edited_seed_keeps_decisions(run_cli: Run, seed_dir: Path) -> None:
    assert run_cli("review", "seed.txt", "--language", "en-US")[0] == 0
    decide_on_seed(run_cli)
    before = {s.id: s for s in load(REVIEW).suggestions}
    seed = seed_dir / "seed.txt"
    preface = "Preface: this are new.\n\n"
    seed.write_text(preface + seed.read_text(encoding="utf-8").replace("Kazbat", "Kazbatt"),
                    encoding="utf-8")

    code, out, err = run_cli("review", "seed.txt", "--language", "en-US")

    assert code == 0, err
    after = {s.id: s for s in load(REVIEW).suggestions}
    kazbat = find(REVIEW, "MORFOLOGIK_RULE_EN_US", "Kazbat")
    assert after[kazbat].status is Status.OBSOLETE
    for sid, s in before.items():
        if sid != kazbat:
            assert after[sid].decision() == s.decision()
            moved = after[sid].finding.start - s.finding.start  # "Kazbatt" adds one
            assert moved == len(preface) + (s.finding.start > before[kazbat].finding.start)
    new = [s for sid, s in after.items() if sid not in before]
    assert {s.finding.text for s in new} >= {"Kazbatt"} and all(
        s.status is Status.PENDING for s in new)
    assert ("obsolete", kazbat) in [(h.action, h.id) for h in load(REVIEW).history]

    assert run_cli("apply", REVIEW, "-o", "out.txt", "--no-recheck")[0] == 0
    expected = (DATA / "seed.corrected.txt").read_text(encoding="utf-8")
    assert (seed_dir / "out.txt").read_text(encoding="utf-8") == preface + expected.replace(
        "Kazbat", "Kazbatt")


def test_he_go_decision_is_stale_once_the_text_says_he_went(
    run_cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "he.txt"
    doc.write_text("He go to school every day.\n", encoding="utf-8")
    assert run_cli("review", "he.txt", "-o", "he.review.json")[0] == 0
    sid = find("he.review.json", "HE_VERB_AGR", "go")
    assert run_cli("decide", "he.review.json", sid, "--accept", "--choice", "2")[0] == 0
    doc.write_text("He went to school every day.\n", encoding="utf-8")

    for force in ((), ("--force",)):  # its words changed: nothing finds them again
        code, out, _ = run_cli("apply", "he.review.json", "--in-place", *force)

        assert code == 1
        assert f"stale     {sid} HE_VERB_AGR 'go'" in out
        assert doc.read_text(encoding="utf-8") == "He went to school every day.\n"


# Sentences rewritten around decided words (each old text is in the corrected seed too).
REWRITES = [
    ("at the International Seminar", "at the Seminar"),
    ("2007, Almaty)", "2007, in Almaty)"),
    ("the Republic of Kazakhstan at", "Kazakhstan at"),
    ("are one of the most", "are among the most"),
    ("At the same time, according to the decree", "According to the decree"),
    ("I would like to emphasize especially, that", "We stress"),
    ("keeps the established", "keeps all established"),
    ("the engineering combat unit", "the engineering unit"),
    ("of Iraq in structure", "of Iraq as part"),
    ("until present time it is destroyed more than", "it has destroyed more than"),
    ("I would like to express also", "I wish to express also"),
    ("Cooperation through Mine Action", "Cooperation in Mine Action"),
]


def rewritten(text: str) -> str:
    for old, new in REWRITES:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def test_decisions_follow_their_words_through_sentences_rewritten_around_them(
    run_cli: Run, seed_dir: Path
) -> None:
    assert run_cli("review", "seed.txt", "--language", "en-US")[0] == 0
    decide_on_seed(run_cli)
    before = [s for s in load(REVIEW).suggestions if s.status is not Status.PENDING]
    seed = seed_dir / "seed.txt"
    seed.write_text(rewritten(seed.read_text(encoding="utf-8")), encoding="utf-8")

    # The editor kept editing while others reviewed: apply follows the edits (no --force).
    code, out, err = run_cli("apply", REVIEW, "-o", "out.txt", "--no-recheck")
    assert code == 0, out + err
    assert "11 applied, 0 stale, 0 in conflict" in out
    assert (seed_dir / "out.txt").read_text(encoding="utf-8") == rewritten(
        (DATA / "seed.corrected.txt").read_text(encoding="utf-8"))

    assert run_cli("review", "seed.txt", "--language", "en-US")[0] == 0

    after = load(REVIEW)
    kept = {(s.finding.rule_id, s.finding.text, s.finding.line): s for s in after.suggestions
            if s.status is not Status.OBSOLETE}  # no line was added or removed
    for s in before:
        now = kept[(s.finding.rule_id, s.finding.text, s.finding.line)]
        assert replace(now.decision(), id=s.id) == s.decision()
    moved = [h for h in after.history if h.action == "moved"]
    assert len(moved) >= 10  # their surroundings changed: a fingerprint alone loses them
    assert {h.comment for h in after.history if h.action == "obsolete"} == {"was pending"}


def test_review_refuses_a_review_file_of_another_document(
    run_cli: Run, seed_dir: Path
) -> None:
    assert run_cli("review", "seed.txt", "--language", "en-US")[0] == 0
    (seed_dir / "other.txt").write_text("He go home.\n", encoding="utf-8")
    before = (seed_dir / REVIEW).read_bytes()
    code, _, err = run_cli("review", "other.txt", "-o", REVIEW)
    assert code == 2
    assert err.strip() == (f"reviewer: {REVIEW}: is the review of seed.txt, not of other.txt "
                           f"(choose another file with -o)")
    assert (seed_dir / REVIEW).read_bytes() == before


def test_review_refuses_a_corrupt_review_file_before_checking(run_cli: Run, seed_dir: Path) -> None:
    (seed_dir / "reports").mkdir()
    truncated = '{"schema_version": 1, "suggestions": ['
    (seed_dir / REVIEW).write_text(truncated, encoding="utf-8")
    code, out, err = run_cli("review", "seed.txt", "--language", "en-US")
    assert (code, out) == (2, "")
    assert err.startswith(f"reviewer: {REVIEW}: corrupt or truncated JSON") and err.count("\n") == 1
    assert (seed_dir / REVIEW).read_text(encoding="utf-8") == truncated


THREE = "He go to school every day. Using a opportunity, we goes home.\n"


def interactive(lt_url: str, cwd: Path, keys: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "reviewer", "review", "three.txt", "--interactive",
         "--server", lt_url, "--by", "kim"],
        input=keys, capture_output=True, text=True, cwd=cwd, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_interactive_walk_saves_each_decision_and_resumes(lt_url: str, tmp_path: Path) -> None:
    (tmp_path / "three.txt").write_text(THREE, encoding="utf-8")
    review = tmp_path / "reports" / "three.review.json"

    out = interactive(lt_url, tmp_path, "2\ns\nq\n")  # "went" for "go", skip, quit

    assert "[3/3]" in out and "stopped: 1 decided, 2 to go" in out
    statuses = [(s.finding.text, s.status, s.replacement) for s in load(review).suggestions]
    assert statuses == [("go", Status.ACCEPTED, "went"), ("a", Status.PENDING, None),
                        ("goes", Status.PENDING, None)]

    out = interactive(lt_url, tmp_path, "x\nr\ne\ngo\n")  # unknown key, reject, edit

    assert "[1/2]" in out and "[2/2]" in out and "done: 2 decided" in out
    got = load(review)
    assert [(s.status, s.replacement) for s in got.suggestions] == [
        (Status.ACCEPTED, "went"), (Status.REJECTED, None), (Status.EDITED, "go")]
    assert [(h.action, h.by) for h in got.history] == [("interactive", "kim")] * 3


def test_list_colours_only_on_a_terminal_without_no_color(run_cli: Run, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "three.txt").write_text(THREE, encoding="utf-8")
    assert run_cli("review", "three.txt", "-o", "r.json")[0] == 0
    code, out, _ = run_cli("list", "r.json", "--status", "pending")
    assert code == 0 and "\x1b[" not in out
    assert "He go{+es+} to school every day." in out

    def on_tty(**env: str) -> str:
        leader, follower = pty.openpty()
        base = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
        subprocess.run([sys.executable, "-m", "reviewer", "list", "r.json"], stdout=follower,
                       cwd=tmp_path, env={**base, "PYTHONPATH": str(ROOT), **env},
                       timeout=60, check=True)
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        os.close(leader)
        return b"".join(chunks).decode("utf-8")

    coloured = on_tty()
    assert "go\x1b[32;4m{+es+}\x1b[0m" in coloured
    assert "\x1b[" not in on_tty(NO_COLOR="1")


def test_interactive_takes_single_keys_on_a_terminal(lt_url: str, tmp_path: Path) -> None:
    (tmp_path / "three.txt").write_text(THREE, encoding="utf-8")
    leader, follower = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reviewer", "review", "three.txt", "--interactive",
         "--server", lt_url],
        stdin=follower, stdout=follower, stderr=follower, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    os.close(follower)
    seen = b""

    def until(token: bytes) -> None:
        nonlocal seen
        while token not in seen:
            ready, _, _ = select.select([leader], [], [], 60)
            assert ready, f"no {token!r} in {seen.decode(errors='replace')!r}"
            seen += os.read(leader, 4096)  # OSError if the process ended first

    try:
        until(b"[1/3]")
        until(b"> ")
        os.write(leader, b"r")  # no Enter: a key is enough on a terminal
        until(b"[2/3]")
        os.write(leader, b"q")  # possibly typed ahead of the prompt: must not be lost
        assert proc.wait(timeout=60) == 0
    finally:
        proc.kill()
        os.close(leader)
    got = load(tmp_path / "reports" / "three.review.json").suggestions
    assert [s.status for s in got] == [Status.REJECTED, Status.PENDING, Status.PENDING]
