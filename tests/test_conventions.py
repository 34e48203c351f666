"""What users expect of a command-line tool: `-` for standard input, shell completion,
documented exit codes (130 and 141 included)."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.commands.completion import SHELLS
from reviewer.exitcodes import EPILOG, ExitCode
from tests.conftest import ROOT, SEED

REVIEWER = Path(sys.executable).with_name("reviewer")


def feed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    """Standard input holding `data`."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_check_dash_reads_the_seed_from_stdin_with_the_files_findings(
        run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    name = SEED.relative_to(ROOT).as_posix()
    code, from_file, _ = run_cli("check", name)
    feed(monkeypatch, SEED.read_bytes())
    piped = run_cli("check", "-", "--stdin-filename", name)
    assert piped == (code, from_file, piped[2])
    assert code == 1 and f"{name}:9:7: major EN_A_VS_AN" in from_file


def test_the_stdin_filename_picks_the_format_and_names_the_findings(
        run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    feed(monkeypatch, b"# A title\n\n<!-- a comment is not prose -->\nThis is a apple.\n")
    code, out, _ = run_cli("check", "-", "--stdin-filename", "notes/today.md")
    assert code == 1
    assert out.splitlines()[0].startswith("notes/today.md:4:9: major EN_A_VS_AN"), out
    feed(monkeypatch, b"This is a apple.\n")
    assert run_cli("check", "-")[1].startswith("-:1:9: major EN_A_VS_AN")


def test_bad_stdin_is_one_line_naming_it(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    feed(monkeypatch, b"caf\xe9\n")
    assert main(["check", "-", "--stdin-filename", "menu.txt"]) == ExitCode.USAGE
    assert capsys.readouterr().err == "reviewer: menu.txt: invalid UTF-8 at byte 3 (line 1)\n"
    assert main(["check", "-", "-"]) == ExitCode.USAGE
    assert "given more than once" in capsys.readouterr().err


def test_review_refuses_stdin_it_could_not_apply_to(capsys: pytest.CaptureFixture[str],
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["review", "-"]) == ExitCode.USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "use `reviewer check -`" in err
    assert not (tmp_path / "reports").exists()


def test_setup_and_server_failures_are_one_line_from_the_one_mapping(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer.commands import server, setup
    from reviewer.lt.errors import ProvisionError
    from reviewer.lt.server import ServerError

    def no_jars(**_: object) -> None:
        raise ProvisionError("no Java 17 or newer found")

    def no_start(*_: object) -> str:
        raise ServerError("LanguageTool did not start within 1 s")

    monkeypatch.setattr(setup, "setup", no_jars)
    monkeypatch.setattr(server, "start_background", no_start)
    assert main(["setup"]) == ExitCode.ENGINE
    assert capsys.readouterr().err == "reviewer: setup: no Java 17 or newer found\n"
    assert main(["server", "start"]) == ExitCode.ENGINE
    assert capsys.readouterr().err == (
        "reviewer: server: LanguageTool did not start within 1 s\n")


def ask_completions(line: str, shell: str) -> list[str]:
    """What `reviewer` answers a shell's completion request for `line` (argcomplete's
    protocol, as the printed scripts speak it)."""
    with_file = Path(os.environ.get("TMPDIR", "/tmp")) / f"reviewer-complete-{os.getpid()}"
    env = {**os.environ, "_ARGCOMPLETE": "1", "_ARGCOMPLETE_SHELL": shell,
           "COMP_LINE": line, "COMP_POINT": str(len(line)), "_ARGCOMPLETE_IFS": "\n",
           "_ARGCOMPLETE_STDOUT_FILENAME": str(with_file)}
    try:
        subprocess.run([str(REVIEWER)], env=env, check=True, timeout=60,
                       stdin=subprocess.DEVNULL, capture_output=True)
        return with_file.read_text(encoding="utf-8").split("\n")
    finally:
        with_file.unlink(missing_ok=True)


@pytest.mark.parametrize("shell", SHELLS)
def test_each_shell_gets_a_script_that_asks_reviewer(shell: str) -> None:
    out = subprocess.run([str(REVIEWER), "completion", shell], capture_output=True,
                         text=True, check=True, timeout=60).stdout
    assert "_ARGCOMPLETE" in out and re.search(r"\breviewer\b", out)
    assert words(ask_completions("reviewer ch", shell)) == ["check"]
    assert words(ask_completions("reviewer check --fo", shell)) == ["--format"]


def words(answers: list[str]) -> list[str]:
    """The completions without the descriptions some shells get (`word:help`, `word\thelp`)."""
    return [re.split(r"[\t:]", a)[0].strip() for a in answers]


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_commands_and_choices_through_the_printed_script() -> None:
    script = (
        'eval "$(reviewer completion bash)"\n'
        'COMP_LINE="reviewer completion "; COMP_POINT=${#COMP_LINE}\n'
        'COMP_WORDS=(reviewer completion ""); COMP_CWORD=2\n'
        '_python_argcomplete reviewer "" completion\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n')
    env = {**os.environ, "PATH": f"{REVIEWER.parent}{os.pathsep}{os.environ['PATH']}"}
    out = subprocess.run(["bash", "-c", script], env=env, capture_output=True, text=True,
                         check=True, timeout=60).stdout
    assert {"bash", "zsh", "fish"} <= {w.strip() for w in out.split()}, out


def test_every_exit_code_is_in_the_readme_and_in_help() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Exit codes", 1)[1]
    for code in ExitCode:
        assert re.search(rf"^\| {code.value} \|", table, re.M), code
        assert re.search(rf"^  {code.value}  ", EPILOG, re.M), code
