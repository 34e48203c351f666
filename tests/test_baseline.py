"""Baselines with the real server: fingerprints survive moved paragraphs and inserted text,
new findings fail the check, fixed ones are listed as gone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.baseline import BaselineError, load
from reviewer.text.sentences import paragraphs
from tests.conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")


def split_paragraphs(text: str) -> list[str]:
    return [text[s:e] for s, e in paragraphs(text)]


@pytest.fixture
def accepted(run_cli, tmp_path: Path) -> tuple[Path, Path]:  # type: ignore[no-untyped-def]
    """The seed copied to a project folder, with a baseline of its findings."""
    doc = tmp_path / "statement.txt"
    doc.write_text(SEED_TEXT, encoding="utf-8")
    base = tmp_path / "reviewer-baseline.json"
    code, out, err = run_cli("baseline", "create", str(doc), "-o", str(base))
    assert code == 0, err
    assert f"baseline of {len(load(base).findings)} finding(s) in 1 document(s)" in err
    return doc, base


def ids(run_cli, doc: Path) -> set[str]:  # type: ignore[no-untyped-def]
    code, out, err = run_cli("check", str(doc), "-f", "json", "--fail-on", "never")
    return {f["id"] for f in json.loads(out)["findings"]}


def test_moved_paragraphs_and_inserted_text_keep_every_fingerprint(  # type: ignore[no-untyped-def]
    run_cli, accepted: tuple[Path, Path]
) -> None:
    doc, base = accepted
    before = ids(run_cli, doc)
    paras = split_paragraphs(SEED_TEXT)
    # Reverse the paragraphs, insert a new one at the top and a sentence in front of
    # the line holding "a opportunity": every finding moves to another line or column.
    paras.reverse()
    paras = ["This paragraph was added later, above everything else."] + [
        p.replace("Kazakhstan has a opportunity", "Today, Kazakhstan has a opportunity")
        for p in paras
    ]
    doc.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    assert ids(run_cli, doc) == before
    code, out, err = run_cli("check", str(doc), "--baseline", str(base))
    assert code == 0, err
    assert f"0 new, {len(before)} unchanged (not reported), 0 gone" in err
    assert out.startswith("0 findings in 1 document")


def test_a_new_finding_is_reported_and_fails_the_check(  # type: ignore[no-untyped-def]
    run_cli, accepted: tuple[Path, Path]
) -> None:
    doc, base = accepted
    doc.write_text("He go to school every day.\n\n" + SEED_TEXT, encoding="utf-8")
    code, out, err = run_cli("check", str(doc), "--baseline", str(base), "-f", "json")
    assert code == 1
    report = json.loads(out)
    assert [(f["line"], f["text"]) for f in report["findings"]] == [(1, "go")]
    assert report["baseline"]["unchanged"] == len(load(base).findings)
    assert report["baseline"]["gone"] == []


def test_fixed_findings_are_listed_as_gone(  # type: ignore[no-untyped-def]
    run_cli, accepted: tuple[Path, Path], tmp_path: Path
) -> None:
    doc, base = accepted
    doc.write_text(SEED_TEXT.replace("a opportunity", "an opportunity"), encoding="utf-8")
    sarif = tmp_path / "out.sarif"
    code, out, err = run_cli("check", str(doc), "--baseline", str(base),
                             "-o", f"sarif={sarif}")
    assert code == 0, err
    assert f"0 new, {len(load(base).findings) - 1} unchanged (not reported), 1 gone" in err
    assert f"gone: {doc}:9:7: EN_A_VS_AN 'a'" in err
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert [(r["ruleId"], r["baselineState"]) for r in results] == [("EN_A_VS_AN", "absent")]


def test_the_baseline_file_is_stable_and_readable(accepted: tuple[Path, Path]) -> None:
    _, base = accepted
    baseline = load(base)
    assert len(baseline.findings) > 10
    assert base.read_text(encoding="utf-8") == baseline.dumps()  # written sorted, reproducible
    assert dict(baseline.engine)["version"] == "6.8"


@pytest.mark.parametrize(
    ("content", "cause"),
    [
        (None, "no such file"),
        ("{not json", "not valid JSON"),
        ('{"findings": []}', "not a reviewer baseline"),
        ('{"kind": "reviewer-baseline", "schema_version": 99, "findings": []}',
         "unsupported schema_version 99"),
        ('{"kind": "reviewer-baseline", "schema_version": 1, "findings": [{"path": "a"}]}',
         "invalid finding record"),
    ],
)
def test_a_bad_baseline_is_a_usage_error_naming_the_file(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path, content: str | None, cause: str
) -> None:
    base = tmp_path / "base.json"
    if content is not None:
        base.write_text(content, encoding="utf-8")
    with pytest.raises(BaselineError, match=cause):
        load(base)
    code, out, err = run_cli("check", str(SEED), "--baseline", str(base))
    assert code == 2
    assert err.count("\n") == 1 and str(base) in err and cause in err
    assert out == ""


def test_baseline_create_refuses_unreadable_input(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base = tmp_path / "b.json"
    code, out, err = run_cli("baseline", "create", str(tmp_path / "missing.txt"), "-o", str(base))
    assert code == 2 and "missing.txt: no such file" in err
    assert not base.exists()


def test_baseline_create_takes_folders_like_check(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.txt").write_text("He go to school.\n", encoding="utf-8")
    (folder / "b.txt").write_text("This sentence is fine.\n", encoding="utf-8")
    base = tmp_path / "b.json"
    code, out, err = run_cli("baseline", "create", str(folder), "-o", str(base))
    assert code == 0, err
    assert "in 2 document(s)" in err
    code, out, err = run_cli("check", str(folder), "--baseline", str(base))
    assert code == 0, err
    assert "0 new" in err


def test_finish_notes_a_baseline_made_with_another_engine_version(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from reviewer.baseline import Baseline
    from reviewer.formats import Format
    from reviewer.gate import Gate
    from reviewer.pipelines.output import OutputPlan, finish
    from tests.formats_fixture import fixture_report

    report = fixture_report()  # made with LanguageTool 6.8
    old = Baseline(findings=report.findings[1:], engine=(("version", "6.7"),))
    plan = OutputPlan(stdout=(Format.TEXT,), files=(), gate=Gate(fail_on=None), color=False,
                      baseline_path="b.json", baseline=old)
    assert finish(plan, report, {}, env={}) == 3  # the fixture has an unchecked block
    out, err = capsys.readouterr()
    assert "was made with LanguageTool 6.7, this run uses 6.8" in err
    assert "1 new, 6 unchanged (not reported), 0 gone" in err
    assert out.splitlines()[0].startswith("docs/guide.en.txt:1:17: major EN_A_VS_AN")


def test_baseline_create_writes_nothing_when_a_block_was_not_checked(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    from reviewer.cli import main
    from reviewer.pipelines import baselining
    from tests.formats_fixture import fixture_report

    report = fixture_report()  # docs/long.txt has a block LanguageTool answered with 503
    monkeypatch.setattr(baselining, "check_paths", lambda *a, **k: ([], report, None))
    base = tmp_path / "b.json"
    assert main(["baseline", "create", "docs", "-o", str(base), "--no-config"]) == 3
    assert capsys.readouterr().err.splitlines() == [
        "reviewer: docs/long.txt:1: block not checked: HTTP 503: overloaded, try again",
        "reviewer: baseline not written: 1 block(s) could not be checked"]
    assert not base.exists()
