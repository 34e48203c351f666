"""The jar lock and the verified download, against a Maven repository on loopback."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from reviewer.lt import provision
from reviewer.lt.download import download
from reviewer.lt.errors import ChecksumError, DownloadError, ProvisionError
from reviewer.lt.jarlock import (
    JarLock,
    LockedJar,
    LockError,
    check_against,
    lock_of_repository,
    make_lock,
    parse_lock,
    pom_digest,
)
from reviewer.lt.java import find_java
from reviewer.lt.provision import lt_version, shipped_lock
from tests.maven_mirror import Mirror

ALPHA = b"alpha jar bytes"
BETA = b"beta jar bytes " * 5000


def locked(coordinates: str, data: bytes) -> LockedJar:
    group, artifact, version, *classifier = coordinates.split(":")
    return LockedJar(group, artifact, version, "".join(classifier), len(data),
                     hashlib.sha256(data).hexdigest())


LOCK = make_lock("0" * 64, [locked("org.example:alpha:1.0", ALPHA),
                            locked("org.example.deep:beta:2.1:linux", BETA)])
LOCKED_ALPHA, LOCKED_BETA = sorted(LOCK.jars, key=lambda j: j.artifact)
PATHS = {"org/example/alpha/1.0/alpha-1.0.jar": ALPHA,
         "org/example/deep/beta/2.1/beta-2.1-linux.jar": BETA}


def test_jars_are_fetched_by_maven_layout_and_verified(tmp_path: Path) -> None:
    with Mirror(PATHS) as mirror:
        download(LOCK, tmp_path, mirror.url)
    assert (tmp_path / "alpha-1.0.jar").read_bytes() == ALPHA
    assert (tmp_path / "beta-2.1-linux.jar").read_bytes() == BETA
    assert sorted(mirror.requested) == ["/maven2/org/example/alpha/1.0/alpha-1.0.jar",
                                        "/maven2/org/example/deep/beta/2.1/beta-2.1-linux.jar"]


def test_a_changed_byte_is_a_checksum_error_naming_the_jar(tmp_path: Path) -> None:
    tampered = b"alpha jar bytez"
    with Mirror({**PATHS, "org/example/alpha/1.0/alpha-1.0.jar": tampered}) as mirror:
        with pytest.raises(ChecksumError) as err:
            download(LOCK, tmp_path, mirror.url)
    assert str(err.value) == (
        f"alpha-1.0.jar (org.example:alpha:1.0) from "
        f"{mirror.url}/org/example/alpha/1.0/alpha-1.0.jar: SHA-256 "
        f"{hashlib.sha256(tampered).hexdigest()} is not the lock's {LOCKED_ALPHA.sha256}")


def test_a_jar_longer_than_the_lock_says_is_cut_off(tmp_path: Path) -> None:
    with Mirror({**PATHS, "org/example/alpha/1.0/alpha-1.0.jar": ALPHA * 1000}) as mirror:
        with pytest.raises(ChecksumError, match=r"^alpha-1.0.jar .*: longer than the lock's 15 "):
            download(LOCK, tmp_path, mirror.url)


def test_a_missing_jar_is_a_download_error(tmp_path: Path) -> None:
    with Mirror({"org/example/alpha/1.0/alpha-1.0.jar": ALPHA}) as mirror:
        with pytest.raises(DownloadError) as err:
            download(LOCK, tmp_path, mirror.url)
    assert str(err.value) == (f"beta-2.1-linux.jar: {mirror.url}/org/example/deep/beta/2.1/"
                              "beta-2.1-linux.jar answered HTTP 404")


def test_lock_text_round_trips() -> None:
    text = LOCK.text()
    assert text.splitlines()[-3:] == [  # sorted by coordinates: "." before ":"
        "pom-sha256 " + "0" * 64,
        f"jar org.example.deep:beta:2.1:linux 75000 {hashlib.sha256(BETA).hexdigest()}",
        f"jar org.example:alpha:1.0 15 {hashlib.sha256(ALPHA).hexdigest()}",
    ]
    assert parse_lock(text) == LOCK


@pytest.mark.parametrize(("line", "error"), [
    ("jar org.example:alpha 15 " + "a" * 64,
     "jars.lock:2: coordinates 'org.example:alpha' are not group:artifact:version[:classifier]"),
    ("jar org.example:alpha:1.0 big " + "a" * 64, "jars.lock:2: size 'big' is not a number"),
    ("jar org.example:alpha:1.0 15 ABC", "jars.lock:2: 'ABC' is not a SHA-256 in lower-case hex"),
    ("sha1 org.example:alpha:1.0", "jars.lock:2: expected `pom-sha256 HEX` or `jar COORDINATES"),
])
def test_a_bad_lock_line_is_named(line: str, error: str) -> None:
    with pytest.raises(LockError) as err:
        parse_lock(f"pom-sha256 {'0' * 64}\n{line}\n")
    assert str(err.value).startswith(error)


def test_two_jars_with_one_file_name_are_refused() -> None:
    with pytest.raises(LockError, match="org.a:x:1 and org.b:x:1 would both be x-1.jar"):
        make_lock("0" * 64, [locked("org.a:x:1", ALPHA), locked("org.b:x:1", BETA)])


def test_lock_of_a_repository_folder(tmp_path: Path) -> None:
    for path, data in PATHS.items():
        (tmp_path / path).parent.mkdir(parents=True)
        (tmp_path / path).write_bytes(data)
    (tmp_path / "org/example/alpha/maven-metadata-local.xml").write_text("<metadata/>")
    assert lock_of_repository(tmp_path, "0" * 64) == LOCK


def test_what_maven_resolved_must_be_the_lock() -> None:
    check_against(LOCK, LOCK, "Maven")
    other = make_lock("0" * 64, [locked("org.example:alpha:1.0", b"other"), LOCKED_BETA])
    with pytest.raises(ChecksumError, match=r"^alpha-1.0.jar \(org.example:alpha:1.0\) from "
                                            r"Maven: SHA-256 [0-9a-f]{64} is not the lock's"):
        check_against(other, LOCK, "Maven")
    fewer = JarLock("0" * 64, (LOCKED_ALPHA,))
    with pytest.raises(ChecksumError) as err:
        check_against(fewer, LOCK, "Maven")
    assert str(err.value) == ("Maven does not match the lock: "
                              "missing org.example.deep:beta:2.1:linux; extra nothing")


def test_the_shipped_lock_is_the_shipped_poms() -> None:
    """reviewer/lt/jars.lock was made from today's pom.xml (else: reviewer setup --lock)."""
    lock = shipped_lock()
    text = (Path(provision.__file__).parent / "jars.lock").read_text(encoding="utf-8")
    assert lock.text() == text
    assert len(lock.jars) == 131
    coordinates = {j.coordinates for j in lock.jars}
    v = lt_version()
    assert {f"org.languagetool:{a}:{v}" for a in
            ("languagetool-server", "language-en", "language-es", "language-ca", "language-pt",
             "language-ru", "languagetool-core")} <= coordinates
    assert not any(":language-all:" in c for c in coordinates)


def test_a_lock_made_from_another_pom_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    pom = provision.pom_text().replace("<version>1</version>", "<version>2</version>")
    monkeypatch.setattr(provision, "pom_text", lambda: pom)
    with pytest.raises(LockError) as err:
        shipped_lock()
    assert str(err.value) == ("reviewer/lt/jars.lock was made from another pom.xml (regenerate "
                              "it: reviewer setup --lock reviewer/lt/jars.lock)")


def test_pom_digest_ignores_line_endings() -> None:
    pom = provision.pom_text()
    assert pom_digest(pom.replace("\n", "\r\n")) == pom_digest(pom)


def test_unreachable_jars_without_maven_stop_setup_and_install_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REVIEWER_JAVA", find_java().path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # no mvn to fall back on
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REVIEWER_LT_JARS")
    with Mirror({}) as mirror:
        monkeypatch.setenv("REVIEWER_MAVEN_REPO", mirror.url)
        with pytest.raises(ProvisionError) as err:
            provision.setup(log=False)
    assert str(err.value).endswith(
        " answered HTTP 404 (a mirror: set REVIEWER_MAVEN_REPO; or install Maven, "
        "which setup then uses instead)")
    assert list((tmp_path / "cache").iterdir()) == []
