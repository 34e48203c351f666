"""What a distribution needs, read from the installed metadata: its requirements, recursively.

Shared by scripts/licences.py (docs/licences.md) and scripts/constraints.py (constraints.txt).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib.metadata import Distribution, PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True, slots=True)
class Needed:
    """One installed package that the project needs, and who needs it."""

    dist: Distribution
    required_by: tuple[str, ...]

    @property
    def name(self) -> str:
        return str(self.dist.metadata["Name"])

    @property
    def version(self) -> str:
        return self.dist.version


def key(name: str) -> str:
    """A package name as the index compares names (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def project_name() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["name"])


def needed(root: str, extras: tuple[str, ...]) -> list[Needed]:
    """Every package `root` with `extras` requires, recursively, sorted by name; not `root`.

    Raises SystemExit naming a requirement that is not installed.
    """
    parents: dict[str, set[str]] = {}
    found: dict[str, Distribution] = {}
    todo: list[tuple[str, str, tuple[str, ...]]] = [(root, "", extras)]
    walked: set[tuple[str, tuple[str, ...]]] = set()
    while todo:
        name, parent, wanted = todo.pop(0)
        k = key(name)
        parents.setdefault(k, set()).add(parent)
        if (k, wanted) in walked:  # the same package with other extras adds their needs
            continue
        walked.add((k, wanted))
        try:
            dist = found.get(k) or distribution(name)
        except PackageNotFoundError:
            raise SystemExit(f"{name} (needed by {parent}) is not installed: run this in "
                             "the test environment (make setup)") from None
        found[k] = dist
        envs = [{"extra": e} for e in ("", *wanted)]
        for text in dist.requires or ():
            req = Requirement(text)
            if req.marker is None or any(req.marker.evaluate(env) for env in envs):
                todo.append((req.name, str(dist.metadata["Name"]), tuple(req.extras)))
    return sorted((Needed(d, tuple(sorted(p for p in parents[k] if p)))
                   for k, d in found.items() if k != key(root)), key=lambda n: key(n.name))
