"""Protected text: placeholders, entities, markup and URLs are never checked nor edited.

Examples from issue 13: a PO placeholder that became "is", an XLIFF entity that shifted the
finding and was overwritten; each file is reviewed against the real server, every suggestion
accepted, and the corrected file compared byte for byte.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.checker import _only_markup
from reviewer.inputs.registry import load
from reviewer.lt.client import annotation
from reviewer.model import FINGERPRINT_CONTEXT, fingerprint
from reviewer.patterns import Pattern
from reviewer.text import protected
from reviewer.text.blocks import Block
from reviewer.text.document import parse_document
from reviewer.text.protected import protected_spans

Run = Any


@pytest.mark.parametrize(("text", "protected"), [
    ("He go home. %s", ["%s"]),
    ("Deleted %1$d of %2$d files in %(dir)s.", ["%1$d", "%2$d", "%(dir)s"]),
    ("Press {0} or {name} or {{var}} or ${var}, see https://un.org/mines.", [
        "{0}", "{name}", "{{var}}", "${var}", "https://un.org/mines"]),
    ("Write to <b>info@un.org</b>.", ["<b>", "info@un.org", "</b>"]),
    ("It grew by 50% of the total, 100 %.", []),  # percentages are prose
])
def test_what_is_protected(text: str, protected: list[str]) -> None:
    assert [text[s:e] for s, e in protected_spans(text)] == protected


def test_every_protected_pattern_runs_in_linear_time_with_re2() -> None:
    """Issue 20: Python's `re` took quadratic time on a long token (80,000 characters: 53 s)."""
    assert isinstance(protected.PLACEHOLDER, Pattern) and isinstance(protected.URL, Pattern)


@pytest.mark.parametrize(("text", "protected_text"), [
    ("x" * 199 + " y", []),
    ("He go " + "x" * 200 + " home.", ["x" * 200]),  # a hash, base64: not prose
    ("x" * 100_000 + "@un.org", ["x" * 100_000 + "@un.org"]),
    ("%" * 50_000 + "s is %s", ["%" * 50_000 + "s", "%s"]),
    ("{" * 150 + "0} {0}", ["{0}", "{0}"]),
    ("See www." + "a" * 100_000 + ".", ["www." + "a" * 100_000 + "."]),
])
def test_a_long_token_is_protected_whole(text: str, protected_text: list[str]) -> None:
    assert [text[s:e] for s, e in protected_spans(text)] == protected_text


def test_a_block_of_protected_text_alone_is_not_sent_to_languagetool() -> None:
    assert _only_markup(Block(0, "x" * 4000, markup=((0, 4000, "X"),)))
    assert _only_markup(Block(0, "%s{0}", markup=((0, 2, "X"), (2, 5, "X"))))
    assert not _only_markup(Block(0, "%s  {0}", markup=((0, 2, "X"), (4, 7, "X"))))
    assert not _only_markup(Block(0, "He go home.", markup=()))


# The patterns as they were with Python's `re` (before issue 20): what "the same" means.
PYTHON_PLACEHOLDER = re.compile(
    r"%(?:\d+\$)?[-+#0]*\d*(?:\.\d+)?[sdifuxXoeEgGcp](?![A-Za-z])"
    r"|%\([\w.]+\)[sdifr]"
    r"|\{\{\s*[\w.]+\s*\}\}|\$\{[\w.]+\}|\{[\w.]*(?:[,:][^{}]*)?\}"
    r"|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"
)
PYTHON_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\"]*[^\s<>()\".,;:!?']"
                        r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def python_spans(text: str) -> list[tuple[int, int]]:
    """Short texts only: tokens of LONG_TOKEN characters are protected whole since."""
    found = sorted((m.start(), m.end()) for pattern in (PYTHON_PLACEHOLDER, PYTHON_URL)
                   for m in pattern.finditer(text) if m.end() > m.start())
    out: list[tuple[int, int]] = []
    for s, e in found:
        if not out or s >= out[-1][1]:
            out.append((s, e))
    return out


ORDINARY = st.lists(st.sampled_from([
    "He", "go", "naïve", "Ёлка", "例え", "x_1", "٣", "%", "%s", "%1$d", "%.2f", "%-5d", "%(name)s",
    "%sabc", "%d%", "{0}", "{name}", "{n, number}", "{{ var }}", "${var}", "{", "}", "<b>",
    "</b>", "<br/>", '<a href="x">', "<", ">", "https://un.org/a_b?x=1", "http://x.org.",
    "www.un.org", "info@un.org", "a.b+c@mail.example.kz", "@", ".", ",", "(", ")", "'", '"',
    "!", "-", "+", " ", " ", "\n", "\t", "\u00a0", "\u2003", "\u3000", "\x0b", "\x85",
]), max_size=40).map("".join)


ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cn")), max_size=60)


@settings(max_examples=500, deadline=None)
@given(ORDINARY | ANY_TEXT)
def test_re2_protects_the_same_spans_as_python_re_did(text: str) -> None:
    assert list(protected_spans(text)) == python_spans(text)


def test_protected_runs_go_to_languagetool_as_markup_read_as_a_stand_in() -> None:
    assert annotation("He go home. %s", ((12, 14, "X"),)) == [
        {"text": "He go home. "}, {"markup": "%s", "interpretAs": "X"}]


def review_all(run_cli: Run, path: Path) -> tuple[int, str, str]:
    """review, accept every suggestion, apply: (apply's code, stdout, corrected file)."""
    review = path.with_suffix(".review.json")
    assert run_cli("review", str(path), "-o", str(review), "--no-config")[0] == 0
    assert run_cli("decide", str(review), "--accept-all")[0] == 0
    out = path.with_name("out" + path.suffix)
    code, stdout, _ = run_cli("apply", str(review), "-o", str(out))
    return code, stdout, out.read_text(encoding="utf-8") if out.exists() else ""


@pytest.mark.parametrize("flag", ["", "#, c-format\n"])
def test_po_placeholders_are_neither_reported_nor_edited(
    run_cli: Run, tmp_path: Path, flag: str
) -> None:
    po = tmp_path / "m.po"
    po.write_text(f'msgid ""\nmsgstr ""\n\n{flag}msgid "Он идёт домой. %s"\n'
                  'msgstr "He go home. %s"\n', encoding="utf-8")
    code, out, err = run_cli("check", str(po), "--format", "json", "--no-config")
    texts = [f["text"] for f in json.loads(out)["findings"]]
    assert "go" in texts and not any("%" in t for t in texts), texts
    code, stdout, corrected = review_all(run_cli, po)
    assert code == 0, stdout
    assert 'msgstr "He goes home. %s"' in corrected


@pytest.mark.parametrize("entity", ['<!ENTITY e SYSTEM "e.txt">', '<!ENTITY e "and more">'])
def test_xliff_entities_keep_their_place_and_are_written_back_as_entities(
    run_cli: Run, tmp_path: Path, entity: str
) -> None:
    xlf = tmp_path / "m.xlf"
    xlf.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE xliff [{entity}]>\n<xliff version="1.2"><file '
        'source-language="ru" target-language="en"><body><trans-unit id="1">'
        "<source>Он идёт домой.</source><target>He go home. &e;</target>"
        "</trans-unit></body></file></xliff>\n", encoding="utf-8")
    doc = load(parse_document(str(xlf), xlf.read_bytes()))
    code, out, _ = run_cli("check", str(xlf), "--format", "json", "--no-config")
    (f,) = [f for f in json.loads(out)["findings"] if f["rule_id"] == "HE_VERB_AGR"]
    assert doc.text[f["start"] : f["end"]] == "go"
    code, stdout, corrected = review_all(run_cli, xlf)
    assert code == 0, stdout
    assert "<target>He goes home. &e;</target>" in corrected


def test_an_edit_of_a_placeholder_is_a_conflict_and_its_unit_is_left_alone(
    run_cli: Run, tmp_path: Path
) -> None:
    po = tmp_path / "m.po"
    po.write_text('msgid "Он идёт домой. %s"\nmsgstr "He go home. %s"\n', encoding="utf-8")
    review = tmp_path / "m.review.json"
    assert run_cli("review", str(po), "-o", str(review), "--no-config")[0] == 0
    data = json.loads(review.read_text(encoding="utf-8"))
    go = next(s["id"] for s in data["suggestions"] if s["finding"]["text"] == "go")
    assert run_cli("decide", str(review), go, "--accept")[0] == 0
    # A crafted suggestion whose span swallows the placeholder (its id made to fit, so that
    # apply finds it): only the protection stands between it and the file.
    data = json.loads(review.read_text(encoding="utf-8"))
    text = po.read_text(encoding="utf-8")
    for s in data["suggestions"]:
        if s["id"] == go:
            start = s["finding"]["start"]
            end = start + len("go home. %s")
            reach = 2 * FINGERPRINT_CONTEXT  # as assign_ids reads around a span
            s["finding"].update(end=end, text=text[start:end], id=fingerprint(
                "HE_VERB_AGR", text[start:end], text[max(0, start - reach) : start],
                text[end : end + reach]))
            s.update(id=s["finding"]["id"], sentence_end=end,
                     before=text[s["sentence_start"] : end])
    review.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.po"
    code, stdout, _ = run_cli("apply", str(review), "-o", str(out), "--no-recheck")
    assert code == 1
    assert "conflict" in stdout and "touches code or a placeholder" in stdout, stdout
    assert 'msgstr "He go home. %s"' in out.read_text(encoding="utf-8")
