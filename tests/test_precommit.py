"""The pre-commit hook, for real: `pre-commit try-repo` in a temporary git repository.

pre-commit builds the hook's environment by installing this repository with
pip, so this test takes some 40 s; it reaches LanguageTool through
REVIEWER_SERVER (the session server).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.server]


def test_the_hook_checks_text_files_and_fails_on_findings(lt_url: str, tmp_path: Path) -> None:
    git = shutil.which("git")
    assert git, "git is needed by pre-commit"
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "bad.md").write_text("# Notes\n\nThis is a apple.\n", encoding="utf-8")
    (repo / "good.txt").write_text("This sentence is fine.\n", encoding="utf-8")
    (repo / "code.py").write_text("# This are a error, but not prose.\nx = 1\n", encoding="utf-8")
    subprocess.run([git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([git, "add", "."], cwd=repo, check=True)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "REVIEWER_SERVER": lt_url, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    pre_commit = Path(sys.executable).with_name("pre-commit")
    proc = subprocess.run(
        [str(pre_commit), "try-repo", str(ROOT), "reviewer", "--all-files"],
        cwd=repo, env=env, capture_output=True, text=True, timeout=600,
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "reviewer (translation quality, LanguageTool)" in out and "Failed" in out
    assert "bad.md:3:9: major EN_A_VS_AN" in out
    assert "1 finding in 2 documents" in out or "1 findings in 2 documents" in out, out
    assert "code.py" not in out.split("hook id: reviewer", 1)[1]
