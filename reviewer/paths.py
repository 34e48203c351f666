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
    found, skipped = expand_rooted(paths, selection)
    return [entry for entry, _ in found], skipped


def expand_rooted(
    paths: list[str], selection: Selection
) -> tuple[list[tuple[str | InputError, str]], list[str]]:
    """As `expand`, each path with the folder it was found from (its root).

    The root of a file in a folder is that folder; of a file matched by a glob,
    the glob's leading folders without a wildcard (`notes` for `notes/**/*.md`,
    "" for `*.md`); of a file named as such, its own folder. A path relative to
    its root names it within the tree given (reviewer review's reports mirror it).
    """
    out: list[tuple[str | InputError, str]] = []
    skipped: list[str] = []
    seen: set[str] = set()

    def add(found: list[str], root: str) -> None:
        for p in found:
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                out.append((p, root))

    for arg in paths:
        if os.path.isdir(arg):
            found = _walk(arg, selection)
            if not found:
                out.append((InputError(arg, "no files to check in this folder (include: "
                                       f"{', '.join(selection.include) or 'nothing'})"), arg))
            add(found, arg)
        elif not os.path.exists(arg) and _GLOB_CHARS & set(arg):
            found = sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))
            if not found:
                out.append((InputError(arg, "no file matches this pattern"), arg))
            add([p for p in found if not selection.excluded(_rel(p))], glob_root(arg))
        elif selection.excluded(_rel(arg)):
            skipped.append(arg)
        else:
            add([arg], os.path.dirname(arg))
    return out, skipped


def is_tree(arg: str) -> bool:
    """True for a folder or a glob: an argument that stands for any number of files."""
    return os.path.isdir(arg) or (not os.path.exists(arg) and bool(_GLOB_CHARS & set(arg)))


def glob_root(pattern: str) -> str:
    """The leading folders of a glob pattern that hold no wildcard ("" when none)."""
    parts = Path(pattern).parts
    fixed = []
    for part in parts[:-1]:
        if _GLOB_CHARS & set(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else ""


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
