"""Provisioning LanguageTool: a Java to run it, and its jars in a cache folder.

The pom shipped next to this module pins the version; `mvn
dependency:copy-dependencies` resolves it from Maven Central into a temporary
folder that is renamed into place only when complete, so a failed or
interrupted setup never leaves a half-filled jar folder behind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from importlib import resources
from pathlib import Path

import platformdirs

from reviewer.lt.errors import ProvisionError as ProvisionError  # its home for the commands
from reviewer.lt.java import find_java

CACHE_ENV = "REVIEWER_CACHE_DIR"
JARS_ENV = "REVIEWER_LT_JARS"


def cache_dir() -> Path:
    """Where reviewer keeps jars, the background server's state and caches.

    `$REVIEWER_CACHE_DIR`, else the platform's user cache folder: on Linux
    `$XDG_CACHE_HOME/reviewer` or `~/.cache/reviewer`, on macOS
    `~/Library/Caches/reviewer`, on Windows `%LOCALAPPDATA%\\reviewer\\Cache`.
    """
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env)
    return platformdirs.user_cache_path("reviewer", appauthor=False)


def pom_text() -> str:
    return resources.files("reviewer.lt").joinpath("pom.xml").read_text(encoding="utf-8")


def lt_version() -> str:
    """The LanguageTool version pinned in the shipped pom."""
    m = re.search(r"<languagetool.version>([^<]+)</languagetool.version>", pom_text())
    assert m, "pom.xml lost its languagetool.version property"
    return m.group(1)


def jars_dir() -> Path:
    """The folder holding the server's runtime jars (may not exist yet)."""
    env = os.environ.get(JARS_ENV)
    if env:
        return Path(env)
    return cache_dir() / f"languagetool-{lt_version()}"


def is_provisioned(folder: Path | None = None) -> bool:
    folder = folder or jars_dir()
    return (folder / ".complete").is_file() and any(folder.glob("languagetool-server-*.jar"))


def setup(*, force: bool = False, log: bool = True) -> Path:
    """Make sure the jars are in `jars_dir()`; idempotent. Returns the folder."""
    if log:
        print(f"Using {find_java().describe()}")
    else:
        find_java()
    target = jars_dir()
    if is_provisioned(target) and not force:
        if log:
            print(f"LanguageTool {lt_version()} is ready in {target}")
        return target
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ProvisionError(
            "Maven is required to fetch LanguageTool but `mvn` was not found on PATH "
            "(Debian: apt-get install maven)"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".setup-") as tmp:
        work = Path(tmp)
        (work / "pom.xml").write_text(pom_text(), encoding="utf-8")
        out = work / "jars"
        if log:
            print(f"Fetching LanguageTool {lt_version()} from Maven Central into {target} ...")
        proc = subprocess.run(
            [mvn, "-q", "-B", "-f", str(work / "pom.xml"), "dependency:copy-dependencies",
             "-DincludeScope=runtime", f"-DoutputDirectory={out}"],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0 or not any(out.glob("languagetool-server-*.jar")):
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise ProvisionError(f"mvn could not resolve LanguageTool {lt_version()}:\n{tail}")
        (out / ".complete").write_text(lt_version() + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        out.rename(target)
    if log:
        jars = len(list(target.glob("*.jar")))
        print(f"LanguageTool {lt_version()} is ready in {target} ({jars} jars)")
    return target
