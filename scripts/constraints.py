"""Write constraints.txt: the exact version of every package the test environment needs.

    python scripts/constraints.py            # from this environment (make constraints)
    python scripts/constraints.py --check    # exit 1 when constraints.txt is stale

The packages are those `pip install -e '.[test,java]'` brings (`make setup`): the
project's requirements with those extras, followed recursively through the installed
metadata, each pinned at its installed version. Nothing else is pinned: a bench or
training extra installed by hand does not leak in. After changing a dependency in
pyproject.toml: `make setup` (installs it), then `make constraints`.
"""

from __future__ import annotations

import argparse
import sys

from installed import ROOT, needed, project_name

OUT = ROOT / "constraints.txt"
EXTRAS = ("test", "java")  # what `make setup` installs
HEAD = ("# Versions of everything 'make test' installs, pinned so that a new release of a "
        "test tool\n# cannot turn CI red overnight. Written by scripts/constraints.py "
        "(make constraints).\n")


def render() -> str:
    return HEAD + "".join(f"{n.name}=={n.version}\n" for n in needed(project_name(), EXTRAS))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--check", action="store_true", help="only say whether the file is stale")
    args = p.parse_args(argv)
    text = render()
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print("constraints: constraints.txt is stale: run make constraints", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"constraints: wrote {OUT.name} ({len(text.splitlines()) - 2} packages)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
