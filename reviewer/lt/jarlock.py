"""The lock of LanguageTool's runtime jars: Maven coordinates, size and SHA-256 of each.

`reviewer/lt/jars.lock` (package data) lists exactly the jars that `pom.xml`
resolves to, so that `reviewer setup` can fetch them from any Maven repository
without Maven and prove every byte. One line per jar::

    jar org.languagetool:language-en:6.8 20563322 69d3fa10...

plus a `pom-sha256` line: the digest of the pom the lock was made from. A lock
whose pom digest is not the shipped pom's is stale and is not used.
`reviewer setup --lock FILE` writes a new one from what Maven resolves.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from reviewer.lt.errors import ChecksumError, ProvisionError

LOCK_HEADER = """\
# LanguageTool's runtime jars as reviewer/lt/pom.xml resolves them: Maven coordinates
# (group:artifact:version[:classifier]), size in bytes and SHA-256. `reviewer setup` downloads
# exactly these and verifies each one. Regenerate after changing pom.xml:
#     reviewer setup --lock reviewer/lt/jars.lock
"""

_HEX64 = re.compile(r"[0-9a-f]{64}")
_PART = re.compile(r"[A-Za-z0-9_.\-]+")


class LockError(ProvisionError):
    """The lock file cannot be read; the message names the line."""


def sha256_of(path: Path) -> str:
    """The SHA-256 of a file, in hex."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def pom_digest(pom: str) -> str:
    """The SHA-256 of a pom's text, line endings normalised (a CRLF checkout is the same pom)."""
    return hashlib.sha256(pom.replace("\r\n", "\n").encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class LockedJar:
    """One jar: where Maven keeps it, and the exact bytes expected there."""

    group: str
    artifact: str
    version: str
    classifier: str
    size: int
    sha256: str

    @property
    def coordinates(self) -> str:
        parts = [self.group, self.artifact, self.version]
        return ":".join([*parts, self.classifier] if self.classifier else parts)

    @property
    def file_name(self) -> str:
        """The name Maven gives it in a repository and `copy-dependencies` in a folder."""
        suffix = f"-{self.classifier}" if self.classifier else ""
        return f"{self.artifact}-{self.version}{suffix}.jar"

    @property
    def repository_path(self) -> str:
        """Its path below a Maven repository's root URL."""
        return "/".join([*self.group.split("."), self.artifact, self.version, self.file_name])

    def line(self) -> str:
        return f"jar {self.coordinates} {self.size} {self.sha256}"


@dataclass(frozen=True, slots=True)
class JarLock:
    """Every jar of one pom's resolution, sorted by coordinates."""

    pom_sha256: str
    jars: tuple[LockedJar, ...]

    @property
    def total_size(self) -> int:
        return sum(j.size for j in self.jars)

    def text(self) -> str:
        """The lock file's text (what `parse_lock` reads back)."""
        lines = [f"pom-sha256 {self.pom_sha256}", *(j.line() for j in self.jars)]
        return LOCK_HEADER + "\n".join(lines) + "\n"


def _jar(coords: str, size: str, sha: str) -> LockedJar:
    parts = coords.split(":")
    if len(parts) not in (3, 4) or not all(_PART.fullmatch(p) for p in parts):
        raise ValueError(f"coordinates {coords!r} are not group:artifact:version[:classifier]")
    if not size.isdigit():
        raise ValueError(f"size {size!r} is not a number of bytes")
    if not _HEX64.fullmatch(sha):
        raise ValueError(f"{sha!r} is not a SHA-256 in lower-case hex")
    group, artifact, version = parts[:3]
    classifier = parts[3] if len(parts) == 4 else ""
    return LockedJar(group, artifact, version, classifier, int(size), sha)


def make_lock(pom_sha256: str, jars: list[LockedJar]) -> JarLock:
    """A lock of these jars; two jars that would share a file name are refused."""
    jars = sorted(jars, key=lambda j: j.coordinates)
    names: dict[str, str] = {}
    for j in jars:
        other = names.setdefault(j.file_name, j.coordinates)
        if other != j.coordinates:
            raise LockError(f"{other} and {j.coordinates} would both be {j.file_name}")
    return JarLock(pom_sha256, tuple(jars))


def parse_lock(text: str, source: str = "jars.lock") -> JarLock:
    """Read a lock file's text; `LockError` names the line that is wrong."""
    pom: str | None = None
    jars: list[LockedJar] = []
    for number, raw in enumerate(text.splitlines(), 1):
        fields = raw.split("#", 1)[0].split()
        try:
            if not fields:
                continue
            if fields[0] == "pom-sha256" and len(fields) == 2 and _HEX64.fullmatch(fields[1]):
                pom = fields[1]
            elif fields[0] == "jar" and len(fields) == 4:
                jars.append(_jar(*fields[1:]))
            else:
                raise ValueError("expected `pom-sha256 HEX` or `jar COORDINATES SIZE SHA256`")
        except ValueError as exc:
            raise LockError(f"{source}:{number}: {exc}") from None
    if pom is None or not jars:
        raise LockError(f"{source}: needs a pom-sha256 line and at least one jar line")
    return make_lock(pom, jars)


def lock_of_repository(root: Path, pom_sha256: str) -> JarLock:
    """The lock of every jar below `root`, a folder in Maven's repository layout."""
    jars = []
    for path in sorted(root.rglob("*.jar")):
        *group, artifact, version, name = path.relative_to(root).parts
        stem = f"{artifact}-{version}"
        if not group or not name.startswith(stem):
            raise LockError(f"{path} is not in Maven's repository layout")
        classifier = name[len(stem):-len(".jar")].removeprefix("-")
        jars.append(LockedJar(".".join(group), artifact, version, classifier,
                              path.stat().st_size, sha256_of(path)))
    return make_lock(pom_sha256, jars)


def check_against(resolved: JarLock, lock: JarLock, what: str) -> None:
    """Raise `ChecksumError` unless `resolved` holds exactly the lock's jars, byte for byte."""
    expected = {j.coordinates: j for j in lock.jars}
    got = {j.coordinates: j for j in resolved.jars}
    for coords in sorted(expected.keys() & got.keys()):
        if got[coords].sha256 != expected[coords].sha256:
            raise ChecksumError(
                f"{expected[coords].file_name} ({coords}) from {what}: SHA-256 "
                f"{got[coords].sha256} is not the lock's {expected[coords].sha256}"
            )
    missing, extra = sorted(expected.keys() - got.keys()), sorted(got.keys() - expected.keys())
    if missing or extra:
        raise ChecksumError(
            f"{what} does not match the lock: "
            f"missing {', '.join(missing) or 'nothing'}; extra {', '.join(extra) or 'nothing'}"
        )
