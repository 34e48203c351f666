"""`reviewer check` with the real server writing several formats from one run."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import DATA, SEED

SCHEMA = json.loads((DATA / "sarif-2.1.0.schema.json").read_text(encoding="utf-8"))
FILES = {"sarif": "r.sarif", "junit": "r.xml", "gitlab": "r.gl.json", "rdjsonl": "r.rdjsonl",
         "github": "r.github.txt", "json": "r.json"}


@pytest.fixture
def written(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    outputs = [a for fmt, name in FILES.items() for a in ("-o", f"{fmt}={tmp_path / name}")]
    code, out, err = run_cli("check", str(SEED), "--fail-on", "critical", *outputs)
    return code, out, err, {fmt: (tmp_path / name).read_text(encoding="utf-8")
                            for fmt, name in FILES.items()}


def test_one_run_writes_every_format_with_the_same_findings(written) -> None:  # type: ignore[no-untyped-def]
    code, out, err, files = written
    assert code == 0, err
    findings = json.loads(files["json"])["findings"]
    n = len(findings)
    assert n > 10
    assert out.splitlines()[-1].startswith(f"{n} findings in 1 document")  # text on stdout
    sarif = json.loads(files["sarif"])
    jsonschema.validators.validator_for(SCHEMA)(SCHEMA).validate(sarif)
    assert [r["partialFingerprints"]["reviewer/v1"] for r in sarif["runs"][0]["results"]] == [
        f["id"] for f in findings]
    junit = ET.fromstring(files["junit"])
    assert len(junit.findall(".//testcase")) == n
    assert len(junit.findall(".//failure")) == sum(f["severity"] == "critical" for f in findings)
    assert len(json.loads(files["gitlab"])) == n
    assert len(files["rdjsonl"].splitlines()) == n
    assert files["github"].count("::") >= 2 * min(n, 10)


def test_rdjsonl_byte_ranges_hold_the_flagged_text_of_the_seed(written) -> None:  # type: ignore[no-untyped-def]
    *_, files = written
    lines = SEED.read_text(encoding="utf-8").encode("utf-8").split(b"\n")
    findings = json.loads(files["json"])["findings"]
    for finding, line in zip(findings, files["rdjsonl"].splitlines(), strict=True):
        where = json.loads(line)["location"]["range"]
        start, end = where["start"], where["end"]
        if start["line"] != end["line"]:
            continue
        got = lines[start["line"] - 1][start["column"] - 1 : end["column"] - 1].decode("utf-8")
        assert got == finding["text"]


def test_github_is_the_default_on_github_actions_with_a_step_summary(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code, out, err = run_cli("check", str(SEED))
    assert code == 1
    assert out.startswith("::error file=")
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert 0 < len(errors) <= 10
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n### reviewer: ")  # appended, not overwritten


def test_an_unwritable_output_is_exit_2_and_the_others_are_still_written(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, out, err = run_cli("check", str(SEED), "--fail-on", "never",
                             "-o", f"sarif={blocker / 'r.sarif'}",
                             "-o", f"json={tmp_path / 'r.json'}")
    assert code == 2
    assert err.startswith(f"reviewer: cannot write {blocker / 'r.sarif'}: ")
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["findings"]
    assert "findings in 1 document" in out


def plan_for(*argv: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    from reviewer.cli import build_parser
    from reviewer.commands.common import overrides
    from reviewer.pipelines.output import prepare
    from reviewer.settings import resolve

    args = build_parser().parse_args(["check", "x.txt", *argv])
    return prepare(resolve(overrides(args)), False, args.baseline, env=env or {})


def test_output_plan_defaults_and_stdout_dash() -> None:
    from reviewer.formats import Format

    assert plan_for().stdout == (Format.TEXT,)
    assert plan_for(env={"GITHUB_ACTIONS": "true"}).stdout == (Format.GITHUB,)
    assert plan_for("-f", "text", env={"GITHUB_ACTIONS": "true"}).stdout == (Format.TEXT,)
    plan = plan_for("-f", "github", "-f", "text", "-o", "json=-", "-o", "sarif=out/r.sarif")
    assert plan.stdout == (Format.GITHUB, Format.TEXT, Format.JSON)
    assert plan.files == ((Format.SARIF, "out/r.sarif"),)


def test_the_same_output_file_twice_is_a_usage_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer.cli import main

    # Refused before any document is read: x.txt need not exist.
    assert main(["check", "x.txt", "--no-config", "-o", "sarif=r.out",
                 "-o", "junit=./r.out"]) == 2
    assert capsys.readouterr().err == "reviewer: --output: ./r.out is given twice\n"
