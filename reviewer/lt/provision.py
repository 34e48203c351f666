"""Provisioning LanguageTool: a Java to run it, and its jars in a cache folder.

The jars come from the lock shipped next to this module (`jars.lock`): each
one is downloaded from Maven Central (or `$REVIEWER_MAVEN_REPO`) and its
SHA-256 checked, no Maven needed. Maven resolves the pom instead when the lock
cannot be used (it was made from another pom, or a download failed) or when
asked to (`reviewer setup --maven`), and what it resolves is checked against
the lock too whenever the lock is the shipped pom's. Either way the jars land
in a temporary folder renamed into place only when complete, so a failed or
interrupted setup, or a jar that is not the lock's, never leaves a jar folder
behind.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from reviewer.cachedir import cache_dir
from reviewer.lt.errors import DownloadError, ProvisionError
from reviewer.lt.jarlock import (
    JarLock,
    LockError,
    check_against,
    lock_of_repository,
    parse_lock,
    pom_digest,
)
from reviewer.lt.java import find_java

HERE = Path(__file__).parent  # pom.xml and jars.lock are shipped beside this module
JARS_ENV = "REVIEWER_LT_JARS"
LOCK_NAME = "reviewer/lt/jars.lock"
REGENERATE = f"reviewer setup --lock {LOCK_NAME}"


def pom_text() -> str:
    return (HERE / "pom.xml").read_text(encoding="utf-8")


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


def shipped_lock() -> JarLock:
    """The shipped lock, or `LockError` saying why it cannot be used with the shipped pom."""
    try:
        text = (HERE / "jars.lock").read_text(encoding="utf-8")
    except OSError:
        raise LockError(f"{LOCK_NAME} is missing") from None
    lock = parse_lock(text, LOCK_NAME)
    if lock.pom_sha256 != pom_digest(pom_text()):
        raise LockError(f"{LOCK_NAME} was made from another pom.xml (regenerate it: {REGENERATE})")
    return lock


def resolve_with_maven(work: Path, out: Path) -> JarLock:
    """Run Maven on the shipped pom in `work`, move the jars into `out`; returns their lock."""
    mvn = shutil.which("mvn")
    if mvn is None:
        raise ProvisionError("Maven is needed here but `mvn` was not found on PATH "
                             "(Debian: apt-get install maven)")
    (work / "pom.xml").write_text(pom_text(), encoding="utf-8")
    repo = work / "repository"
    # -C: fail on a jar whose SHA-1 is not the one Maven Central publishes beside it.
    proc = subprocess.run(
        [mvn, "-q", "-B", "-C", "-f", str(work / "pom.xml"), "dependency:copy-dependencies",
         "-DincludeScope=runtime", f"-DoutputDirectory={repo}", "-Dmdep.useRepositoryLayout=true"],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0 or not any(repo.rglob("languagetool-server-*.jar")):
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise ProvisionError(f"mvn could not resolve LanguageTool {lt_version()}:\n{tail}")
    resolved = lock_of_repository(repo, pom_digest(pom_text()))
    for jar in resolved.jars:
        os.replace(repo / jar.repository_path, out / jar.file_name)
    return resolved


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


def setup(*, force: bool = False, maven: bool = False, write_lock: Path | None = None,
          log: bool = True) -> Path:
    """Make sure a Java and the jars in `jars_dir()` are there; idempotent. Returns the folder.

    `maven` resolves with Maven instead of downloading from the lock;
    `write_lock` also writes the lock of what Maven resolved there (and implies
    both `maven` and `force`).
    """
    # The downloader (and requests) only here: a check never downloads.
    from reviewer.lt.download import REPOSITORY_ENV, download, repository_url

    say: Callable[[str], None] = print if log else (lambda _: None)
    say(f"Using {find_java().describe()}")
    target = jars_dir()
    if write_lock is not None:
        maven = force = True
    if is_provisioned(target) and not force:
        say(f"LanguageTool {lt_version()} is ready in {target}")
        return target
    try:
        lock: JarLock | None = shipped_lock()
    except LockError as exc:
        lock = None
        if write_lock is None:
            say(f"{exc}: resolving with Maven")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".setup-") as tmp:
        out = Path(tmp) / "jars"
        out.mkdir()
        if lock is not None and not maven:
            base = repository_url()
            say(f"Downloading LanguageTool {lt_version()} ({len(lock.jars)} jars, "
                f"{_megabytes(lock.total_size)}) from {base} into {target} ...")
            try:
                download(lock, out, base)
                how = f"SHA-256 of each verified against {LOCK_NAME}"
            except DownloadError as exc:
                if shutil.which("mvn") is None:
                    raise ProvisionError(f"{exc} (a mirror: set {REPOSITORY_ENV}; or install "
                                         "Maven, which setup then uses instead)") from None
                say(f"{exc}: resolving with Maven instead")
                maven = True
        if maven or lock is None:
            shutil.rmtree(out)
            out.mkdir()
            say(f"Resolving LanguageTool {lt_version()} with Maven into {target} ...")
            resolved = resolve_with_maven(Path(tmp), out)
            if write_lock is not None:
                write_lock.write_text(resolved.text(), encoding="utf-8")
                how = f"lock written to {write_lock}"
            elif lock is not None:
                check_against(resolved, lock, "Maven's resolution")
                how = f"resolved by Maven, SHA-256 of each verified against {LOCK_NAME}"
            else:
                how = "resolved by Maven, no lock to verify against"
        (out / ".complete").write_text(lt_version() + "\n", encoding="utf-8")
        if target.exists():
            shutil.rmtree(target)
        out.rename(target)
    say(f"LanguageTool {lt_version()} is ready in {target} "
        f"({len(list(target.glob('*.jar')))} jars, {how})")
    return target
