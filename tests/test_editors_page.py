"""docs/editors.md: linked from the README's first screen, its commands real, its pictures there."""

from __future__ import annotations

import re
import shlex

from reviewer.cli import build_parser
from tests.conftest import ROOT

PAGE = ROOT / "docs" / "editors.md"
IMAGES = ROOT / "docs" / "img"


def test_the_readme_links_the_page_on_its_first_screen() -> None:
    first_screen = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:15]
    assert any("(docs/editors.md)" in line for line in first_screen)


def test_every_reviewer_command_on_the_page_parses() -> None:
    text = PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    commands = []
    for block in blocks:
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0].endswith("reviewer"):
                commands.append(words[1:])
    assert {c[0] for c in commands} == {"setup", "review", "decide", "serve", "apply", "import"}
    parser = build_parser()
    for argv in commands:
        parser.parse_args(argv)  # SystemExit on a command or option that does not exist


def test_its_pictures_exist_are_small_pngs_and_none_is_left_over() -> None:
    shown = re.findall(r"!\[[^\]]*\]\((img/[^)]+)\)", PAGE.read_text(encoding="utf-8"))
    assert len(shown) >= 4
    for rel in shown:
        path = PAGE.parent / rel
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", rel
        assert path.stat().st_size < 400_000, rel
    assert {p.name for p in IMAGES.iterdir()} == {rel.split("/", 1)[1] for rel in shown}
