"""How our JVM is started: explicit classpath, class-data sharing built on first use, C1."""

from __future__ import annotations

import json
import time
import zipfile
from pathlib import Path

import pytest
import requests

from reviewer.lt import custom, jvm
from reviewer.lt.provision import jars_dir
from reviewer.lt.server import LocalServer
from tests.conftest import SEED

MANIFEST = (b"Manifest-Version: 1.0\r\nClass-Path: ./ libs/bcrypt.jar libs/bytes.jar libs/lo\r\n"
            b" gback-classic.jar\r\nMain-Class: org.languagetool.server.HTTPServer\r\n\r\n")


def fake_jars(folder: Path) -> Path:
    """A jar folder shaped like LanguageTool's: the server jar's manifest names `./`."""
    folder.mkdir()
    with zipfile.ZipFile(folder / "languagetool-server-6.8.jar", "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", MANIFEST)
        jar.writestr("org/languagetool/server/HTTPServer.class", b"\xca\xfe\xba\xbe")
    with zipfile.ZipFile(folder / "language-en-6.8.jar", "w") as jar:
        jar.writestr("org/languagetool/language/English.class", b"\xca\xfe\xba\xbe")
    return folder


@pytest.fixture
def java(tmp_path: Path) -> str:
    home = tmp_path / "jdk"
    (home / "bin").mkdir(parents=True)
    (home / "release").write_text('JAVA_VERSION="17.0.15"\n')
    (home / "bin" / "java").write_text("")
    return str(home / "bin" / "java")


@pytest.fixture(autouse=True)
def _cds_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(jvm.CDS_ENV, "1")


def test_the_classpath_is_explicit_rules_jar_first_and_no_directory(
    tmp_path: Path, java: str
) -> None:
    jars = fake_jars(tmp_path / "jars")
    launch = jvm.plan(java, jars, tmp_path / "cache", "1g")
    names = [p.name for p in launch.classpath]
    assert names == ["reviewer-rules.jar", "language-en-6.8.jar", "languagetool-server-6.8.jar"]
    assert all(p.suffix == ".jar" and p.is_file() for p in launch.classpath)
    with zipfile.ZipFile(launch.classpath[0]) as rules:
        assert rules.read("org/languagetool/rules/en/grammar_custom.xml") == (
            custom.GRAMMAR_FILE.read_bytes())
    assert launch.classpath[1] == jars / "language-en-6.8.jar"  # used where it is
    with zipfile.ZipFile(launch.classpath[2]) as server:  # a copy without Class-Path
        assert server.read("META-INF/MANIFEST.MF") == (
            b"Manifest-Version: 1.0\r\nMain-Class: org.languagetool.server.HTTPServer\r\n\r\n")
        assert server.read("org/languagetool/server/HTTPServer.class") == b"\xca\xfe\xba\xbe"


def test_first_use_records_the_class_list_then_the_archive_is_mapped(
    tmp_path: Path, java: str
) -> None:
    jars = fake_jars(tmp_path / "jars")
    first = jvm.plan(java, jars, tmp_path / "cache", "1g")
    assert first.record is not None
    assert f"-XX:DumpLoadedClassList={first.record}" in first.options
    folder = first.record.parent
    (folder / jvm.ARCHIVE).write_bytes(b"an archive")
    later = jvm.plan(java, jars, tmp_path / "cache", "1g")
    assert later.record is None and later.classpath == first.classpath
    assert later.options == (f"-XX:SharedArchiveFile={folder / jvm.ARCHIVE}", "-Xshare:auto")


def test_another_java_or_other_jars_get_another_archive(tmp_path: Path, java: str) -> None:
    jars = fake_jars(tmp_path / "jars")
    one = jvm.key(java, jars, "1g")
    Path(java).parent.parent.joinpath("release").write_text('JAVA_VERSION="25.0.2"\n')
    assert jvm.key(java, jars, "1g") != one
    (jars / "language-ru-6.8.jar").write_bytes(b"")
    assert len({one, jvm.key(java, jars, "1g"), jvm.key(java, jars, "2g")}) == 3


def test_small_runs_stop_the_jit_at_c1_and_cds_can_be_turned_off(
    tmp_path: Path, java: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    jars = fake_jars(tmp_path / "jars")
    c1 = "-XX:TieredStopAtLevel=1"
    assert c1 in jvm.plan(java, jars, tmp_path, "1g", chars=6_000).options
    assert c1 not in jvm.plan(java, jars, tmp_path, "1g", chars=1_000_000).options
    assert c1 not in jvm.plan(java, jars, tmp_path, "1g").options  # size unknown
    monkeypatch.setenv(jvm.CDS_ENV, "0")
    plain = jvm.plan(java, jars, tmp_path / "elsewhere", "1g", chars=6_000)
    assert plain == jvm.Launch((c1,), (custom.RULES_DIR, jars / "*"))
    assert not (tmp_path / "elsewhere").exists()


def check_seed(url: str) -> list[tuple[str, int]]:
    answer = requests.post(f"{url}/v2/check", timeout=300, data={
        "language": "en-US", "text": SEED.read_text(encoding="utf-8")}).json()
    return [(m["rule"]["id"], m["offset"]) for m in answer["matches"]]


@pytest.mark.server
def test_the_archive_is_built_after_the_first_run_and_mapped_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    jars = jars_dir()
    monkeypatch.setenv("REVIEWER_LT_JARS", str(jars))
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "cache"))
    with LocalServer(jars, tmp_path / "one.log") as first:
        found = check_seed(first.url)
    archives = tmp_path / "cache" / "jvm"
    [folder] = list(archives.iterdir())
    assert (folder / jvm.CLASS_LIST).exists()
    deadline = time.monotonic() + 120  # the detached dump takes a few seconds
    while not (folder / jvm.ARCHIVE).exists() and time.monotonic() < deadline:
        assert not (folder / jvm.FAILED).exists(), (folder / "dump.log").read_text()
        time.sleep(0.2)
    assert (folder / jvm.ARCHIVE).exists(), (folder / "dump.log").read_text()
    with LocalServer(jars, tmp_path / "two.log") as second:
        assert second.process is not None
        maps = Path(f"/proc/{second.process.pid}/maps").read_text()
        assert str(folder / jvm.ARCHIVE) in maps  # the classes come from the archive
        assert check_seed(second.url) == found
    assert json.dumps(found).count("MORFOLOGIK_RULE_EN_US") >= 4


def test_a_pool_member_listens_on_every_interface_only_when_asked(tmp_path: Path) -> None:
    launch = jvm.Launch((), (tmp_path / "a.jar",))
    ours = LocalServer(tmp_path, tmp_path / "lt.log", port=8081)
    member = LocalServer(tmp_path, tmp_path / "lt.log", port=8081, public=True)
    assert "--public" not in ours.command("java", tmp_path / "c", launch)
    assert member.command("java", tmp_path / "c", launch)[-1] == "--public"
