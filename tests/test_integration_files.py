"""The ready-made integration files agree with the command line and the defaults."""

from __future__ import annotations

import shlex
import tomllib
from pathlib import Path
from typing import Any

import yaml
from identify import identify

from reviewer.cli import build_parser
from reviewer.config import defaults
from tests.conftest import ROOT

WORKFLOW = ROOT / "docs" / "github-actions.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def steps() -> list[dict[str, Any]]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    result: list[dict[str, Any]] = data["jobs"]["review"]["steps"]
    return result


def reviewer_commands(script: str) -> list[list[str]]:
    out = []
    for line in script.replace("\\\n", " ").splitlines():
        words = shlex.split(line.strip(), comments=True)
        if words and words[0] == "reviewer":
            out.append(words[1:])
    return out


def test_every_reviewer_command_in_the_workflow_parses() -> None:
    commands = [c for s in steps() if "run" in s for c in reviewer_commands(s["run"])]
    assert [c[0] for c in commands] == ["setup", "server", "check", "review", "server"]
    parser = build_parser()
    for argv in commands:
        parser.parse_args(argv)  # argparse exits (SystemExit) on a wrong option


def test_the_workflow_uploads_the_sarif_the_check_writes() -> None:
    check = next(c for s in steps() if "run" in s for c in reviewer_commands(s["run"])
                 if c[0] == "check")
    args = build_parser().parse_args(check)
    written = {str(fmt): path for fmt, path in args.output}
    upload = next(s for s in steps() if s.get("uses", "").startswith(
        "github/codeql-action/upload-sarif"))
    assert upload["with"]["sarif_file"] == written["sarif"]
    assert upload["if"] == "${{ !cancelled() }}"  # also after a failed gate
    artifact = next(s for s in steps() if s.get("uses", "").startswith(
        "actions/upload-artifact"))
    assert all(Path(p).parent.as_posix() == artifact["with"]["path"].rstrip("/")
               for p in written.values())


def test_the_workflow_dismisses_the_alerts_of_the_sarif_it_uploads() -> None:
    upload = next(s for s in steps() if s.get("uses", "").startswith(
        "github/codeql-action/upload-sarif"))
    dismiss = next(s for s in steps() if s.get("uses", "").startswith(
        "advanced-security/dismiss-alerts"))
    assert upload["with"]["wait-for-processing"] is True
    assert dismiss["with"]["sarif-id"] == "${{ steps." + upload["id"] + ".outputs.sarif-id }}"
    assert dismiss["with"]["sarif-file"] == upload["with"]["sarif_file"]
    assert "github.ref == 'refs/heads/main'" in dismiss["if"]  # dismissal is global


def test_the_pre_commit_hook_runs_check_on_the_default_include_types() -> None:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert hook["id"] == "reviewer" and hook["require_serial"] is True
    entry = hook["entry"].split()
    assert entry[0] == "reviewer"
    build_parser().parse_args([*entry[1:], "file.md"])
    for pattern in defaults()["include"]:
        tags = identify.tags_from_filename("x" + pattern.lstrip("*"))
        assert tags & set(hook["types_or"]), pattern
    assert not identify.tags_from_filename("x.py") & set(hook["types_or"])


def test_the_example_configuration_in_docs_ci_md_is_valid() -> None:
    import re
    import tomllib

    from reviewer.config import SCHEMA, validate

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block
    values = validate(tomllib.loads(block.group(1)), "docs/ci.md")
    assert set(values) == {k.name for k in SCHEMA}  # every key is documented there


GITLAB = ROOT / "docs" / "gitlab-ci.yml"


def gitlab_job() -> dict[str, Any]:
    data = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    job: dict[str, Any] = data["translation-review"]
    return job


def test_every_reviewer_command_in_the_gitlab_job_parses_and_fills_its_reports() -> None:
    job = gitlab_job()
    lines = [*job["script"], *job["after_script"]]
    commands = [c for line in lines for c in reviewer_commands(line.split("||")[0])]
    assert [c[0] for c in commands] == ["setup", "server", "check", "review", "server"]
    parser = build_parser()
    parsed = [parser.parse_args(argv) for argv in commands]  # SystemExit on a wrong option
    written = {str(fmt): path for fmt, path in parsed[2].output}
    assert job["artifacts"]["reports"] == {"codequality": written["gitlab"],
                                           "junit": written["junit"]}
    assert job["artifacts"]["when"] == "always"  # also after a failed gate


def test_the_gitlab_job_installs_this_distribution_with_java() -> None:
    name = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["name"]
    installs = [shlex.split(line) for line in gitlab_job()["script"]
                if line.startswith("pip install")]
    assert installs == [["pip", "install", f"{name}[java]"]]
    assert gitlab_job()["variables"]["REVIEWER_CACHE_DIR"].startswith("$CI_PROJECT_DIR/")
