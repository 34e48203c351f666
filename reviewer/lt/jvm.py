"""How our LanguageTool JVM starts fast: an explicit classpath, class-data sharing, the JIT.

Class-data sharing (AppCDS) maps the classes LanguageTool loads (about 4,800)
from an archive instead of reading, parsing and verifying them from 131 jars.
The archive is built on first use, in the cache folder, for one Java and one
set of jars (`key`):

1. a run with no archive yet records the classes its JVM loads
   (`-XX:DumpLoadedClassList`);
2. when that JVM has stopped, a detached process (`python -m reviewer.lt.jvm`)
   dumps the archive from the list (`java -Xshare:dump`, a few seconds) and
   renames it into place;
3. later runs map it (`-XX:SharedArchiveFile`, `-Xshare:auto`: a damaged or
   mismatched archive is ignored by the JVM, never an error).

CDS refuses a classpath holding a non-empty directory, and a wildcard has no
fixed order, so the classpath is explicit: our pattern rules packed into a jar,
then every LanguageTool jar by name. The server jar's manifest names `./` on its
own `Class-Path` (a non-empty directory again): the classpath carries a copy of
that jar without it. The dynamic archive (`-XX:ArchiveClassesAtExit`) was measured
and refused: it made the first check 1.6 to 4 times slower (docs/checking.md).

A small run (`SMALL_RUN_CHARS` or less to send) stops the JIT at C1
(`-XX:TieredStopAtLevel=1`): it compiles less and sooner, which pays while the
whole run is warm-up, and costs on long runs (C1 code is slower).
`REVIEWER_CDS=0` turns class-data sharing off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewer.lt import custom

CDS_ENV = "REVIEWER_CDS"
SMALL_RUN_CHARS = 50_000
ARCHIVE = "lt.jsa"
CLASS_LIST = "classes.lst"
FAILED = "dump.failed"  # the dump failed once for this key: do not try again
DUMPING = "dump.lock"  # a dump is running (stale after DUMP_TIMEOUT)
DUMP_TIMEOUT = 600.0
KEEP = 3  # archives kept (one per Java and jar set); older ones are removed
SENTINEL = "org/languagetool/JLanguageTool"  # a list without it recorded nothing useful
_CLASS_PATH = re.compile(rb"^Class-Path:.*\r?\n(?: .*\r?\n)*", re.M)


@dataclass(frozen=True, slots=True)
class Launch:
    """The JVM options and classpath of one start; `record` is the class list to write."""

    options: tuple[str, ...]
    classpath: tuple[Path, ...]
    record: Path | None = None


def enabled() -> bool:
    return os.environ.get(CDS_ENV, "1").strip().lower() not in ("0", "false", "no", "off")


def java_identity(java: str) -> str:
    """The Java at `java`, for the archive's key: its real path and its `release` file."""
    real = Path(os.path.realpath(java))
    try:
        release = (real.parent.parent / "release").read_text(encoding="utf-8", errors="replace")
    except OSError:
        st = real.stat()
        release = f"{st.st_size}:{st.st_mtime_ns}"
    return f"{real}\n{release}"


def server_jars(jars: Path) -> list[Path]:
    """LanguageTool's jars, sorted by name (the classpath order; CDS needs a fixed one)."""
    return sorted(jars.glob("*.jar"))


def key(java: str, jars: Path, heap: str) -> str:
    """One archive per Java, jar set (name, size, modification time: what CDS checks),
    rule file and heap setting."""
    h = hashlib.sha256(java_identity(java).encode())
    for jar in server_jars(jars):
        st = jar.stat()
        h.update(f"\n{jar.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(f"\nrules:{custom.digest()}\nheap:{heap}".encode())
    return h.hexdigest()[:16]


def _write_atomic(target: Path, write: Callable[[Path], None]) -> None:
    # Concurrent runs may build the same file: each writes its own, the last rename wins.
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _rules_jar(target: Path) -> None:
    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as jar:
            jar.write(custom.GRAMMAR_FILE,
                      custom.GRAMMAR_FILE.relative_to(custom.RULES_DIR).as_posix())
    _write_atomic(target, write)


def _without_class_path(source: Path, target: Path) -> None:
    """A copy of `source` whose manifest has no `Class-Path` (the rest byte for byte)."""
    def write(tmp: Path) -> None:
        with zipfile.ZipFile(source) as zin, zipfile.ZipFile(tmp, "w") as zout:
            for info in zin.infolist():
                data = zin.read(info)
                if info.filename == "META-INF/MANIFEST.MF":
                    data = _CLASS_PATH.sub(b"", data)
                zout.writestr(info, data)
    _write_atomic(target, write)


def classpath(folder: Path, jars: Path) -> tuple[Path, ...]:
    """Our rules' jar first (so LanguageTool finds `grammar_custom.xml`), then every
    LanguageTool jar, the server jar replaced by its copy without `Class-Path`."""
    folder.mkdir(parents=True, exist_ok=True)
    rules = folder / "reviewer-rules.jar"
    if not rules.exists():
        _rules_jar(rules)
    out = [rules]
    for jar in server_jars(jars):
        if jar.name.startswith("languagetool-server-"):
            copy = folder / jar.name
            if not copy.exists():
                _without_class_path(jar, copy)
            jar = copy
        out.append(jar)
    return tuple(out)


def plan(java: str, jars: Path, cache: Path, heap: str, chars: int = 0,
         record: bool = True) -> Launch:
    """How to start the JVM for a run that will send `chars` characters (0: unknown).

    Without an archive, the JVM records its class list when `record` (a server
    stopped by another process, such as the background server, never hands it over).
    Falls back to the plain classpath (`RULES:DIR/*`, no archive) when CDS is off
    or the cache folder cannot be written.
    """
    jit = ("-XX:TieredStopAtLevel=1",) if 0 < chars <= SMALL_RUN_CHARS else ()
    plain = Launch(jit, (custom.RULES_DIR, jars / "*"))
    if not enabled():
        return plain
    folder = cache / "jvm" / key(java, jars, heap)
    try:
        cp = classpath(folder, jars)
        _touch(folder)
    except (OSError, zipfile.BadZipFile):
        return plain
    if (folder / ARCHIVE).exists():
        return Launch((*jit, f"-XX:SharedArchiveFile={folder / ARCHIVE}", "-Xshare:auto"), cp)
    if not record or (folder / CLASS_LIST).exists() or (folder / FAILED).exists():
        return Launch(jit, cp)  # an archive is on its way, or cannot be made
    target = folder / f"classes.{os.getpid()}.{time.monotonic_ns()}.lst"
    return Launch((*jit, f"-XX:DumpLoadedClassList={target}"), cp, target)


def _touch(folder: Path) -> None:
    with contextlib.suppress(OSError):
        os.utime(folder)


def recorded(launch: Launch, java: str) -> None:
    """After the JVM of `launch` has stopped: keep its class list and start the dump.

    Does nothing when the JVM recorded no list or an unusable one.
    """
    record = launch.record
    if record is None:
        return
    try:
        text = record.read_text(encoding="utf-8", errors="replace")
        record.unlink()
        if SENTINEL not in text:
            return
        # A JVM killed outright may leave half a line.
        complete = text if text.endswith("\n") else text[: text.rfind("\n") + 1]
        def write(tmp: Path) -> None:
            tmp.write_text(complete, encoding="utf-8")
        _write_atomic(record.with_name(CLASS_LIST), write)
    except OSError:
        return
    start_dump(record.parent, java, launch.classpath)


def start_dump(folder: Path, java: str, cp: tuple[Path, ...]) -> None:
    """Dump the archive in a detached process, so that no run waits for it."""
    lock = folder / DUMPING
    try:
        if lock.exists() and time.time() - lock.stat().st_mtime < DUMP_TIMEOUT:
            return
        lock.write_text(str(os.getpid()), encoding="utf-8")
        with open(folder / "dump.log", "wb") as log:
            subprocess.Popen(
                [sys.executable, "-m", "reviewer.lt.jvm", str(folder), java,
                 os.pathsep.join(str(p) for p in cp)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
    except OSError:
        return


def dump(folder: Path, java: str, cp: str) -> int:
    """Build `folder`/lt.jsa from its class list (the detached process's work)."""
    tmp = folder / f"lt.{os.getpid()}.jsa"
    try:
        proc = subprocess.run(
            [java, "-Xshare:dump", f"-XX:SharedClassListFile={folder / CLASS_LIST}",
             f"-XX:SharedArchiveFile={tmp}", "-cp", cp],
            stdin=subprocess.DEVNULL, check=False, timeout=DUMP_TIMEOUT)
        if proc.returncode == 0 and tmp.exists():
            os.replace(tmp, folder / ARCHIVE)
            prune(folder.parent)
        else:
            (folder / FAILED).write_text(f"java -Xshare:dump exited with {proc.returncode}\n",
                                         encoding="utf-8")
        return proc.returncode
    except (OSError, subprocess.TimeoutExpired) as exc:
        with contextlib.suppress(OSError):
            (folder / FAILED).write_text(f"{exc}\n", encoding="utf-8")
        return 1
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
            (folder / DUMPING).unlink(missing_ok=True)


def prune(root: Path, keep: int = KEEP) -> None:
    """Remove all but the `keep` most recently used archive folders."""
    with contextlib.suppress(OSError):
        folders = sorted((p for p in root.iterdir() if p.is_dir()),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in folders[keep:]:
            shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(dump(Path(sys.argv[1]), sys.argv[2], sys.argv[3]))
