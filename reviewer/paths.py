"""Which files `reviewer check PATHS...` checks: files, folders and globs.

- a file is checked as named, unless an `exclude` glob matches it;
- a folder is walked recursively (hidden folders such as `.git` skipped);
  a file in it is checked when an `include` glob matches and no `exclude`
  glob does;
- anything else with `*`, `?` or `[` is a glob (`**` crosses folders); the
  files it matches are filtered by `exclude`.

An include/exclude glob without `/` matches a file's or folder's name (`*.md`,
`node_modules`); one with `/` matches the path relative to the folder given on
the command line (or to the working directory for files and globs), and there
`*` crosses folders (`drafts/*`, `**/old/*.txt`).
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path

from reviewer.text.document import InputError

_GLOB_CHARS = frozenset("*?[")


def _matches(rel: str, pattern: str) -> bool:
    if "/" not in pattern.rstrip("/"):
        return fnmatchcase(rel.rsplit("/", 1)[-1], pattern.rstrip("/"))
    pattern = pattern.strip("/")
    if fnmatchcase(rel, pattern):
        return True
    # `**/x` also matches `x` at the top
    return pattern.startswith("**/") and fnmatchcase(rel, pattern[3:])


@dataclass(frozen=True, slots=True)
class Selection:
    """The include and exclude globs that filter files found in folders."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def excluded(self, rel: str) -> bool:
        return any(_matches(rel, p) for p in self.exclude)

    def included(self, rel: str) -> bool:
        return any(_matches(rel, p) for p in self.include) and not self.excluded(rel)


def expand(paths: list[str], selection: Selection) -> tuple[list[str | InputError], list[str]]:
    """(what to read, explicitly named files skipped by `exclude`), in argument order.

    What to read is a path, or an `InputError` in place of a glob that matches no
    file or a folder with nothing to check, so that every bad argument can be
    reported at once. Duplicates are dropped; missing files are passed on, so
    that reading them reports the cause.
    """
    out: list[str | InputError] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def add(found: list[str]) -> None:
        for p in found:
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                out.append(p)

    for arg in paths:
        if os.path.isdir(arg):
            found = _walk(arg, selection)
            if not found:
                out.append(InputError(arg, "no files to check in this folder (include: "
                                      f"{', '.join(selection.include) or 'nothing'})"))
            add(found)
        elif not os.path.exists(arg) and _GLOB_CHARS & set(arg):
            found = sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))
            if not found:
                out.append(InputError(arg, "no file matches this pattern"))
            add([p for p in found if not selection.excluded(_rel(p))])
        elif selection.excluded(_rel(arg)):
            skipped.append(arg)
        else:
            add([arg])
    return out, skipped


def _rel(path: str) -> str:
    return Path(os.path.normpath(path)).as_posix()


def _walk(top: str, selection: Selection) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(top):
        rel_folder = os.path.relpath(folder, top)
        rel_folder = "" if rel_folder == "." else Path(rel_folder).as_posix() + "/"
        dirs[:] = sorted(d for d in dirs
                         if not d.startswith(".") and not selection.excluded(rel_folder + d))
        for name in sorted(files):
            if selection.included(rel_folder + name):
                found.append(os.path.join(folder, name))
    return found
