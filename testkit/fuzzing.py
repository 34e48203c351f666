"""Property and fuzz cases (issue 13): generators, and the properties every input must keep.

Shared by the suite (`tests/test_fuzz.py`, a fast profile) and the long run
(`bench/fuzz.py --examples 10000`). Each `prop_*` function takes one generated
example and asserts the property; any exception other than an AssertionError
from the property itself is a traceback the user would have seen.

- documents in every input format (placeholders, entities, markup, astral
  characters, CRLF, BOMs in UTF-8/16/32, very long lines) with random
  decisions on random spans: `apply` changes exactly the applied spans (the
  output is the input with each applied replacement spliced in, escaped for
  the format) and no protected span: no applied edit overlaps a TAG or MASK
  piece of `reviewer.text.segment.Segment` (markup, code, placeholders, URLs,
  entities) nor an entity or character reference whatever its piece; other
  atoms (PO and Markdown escapes, a line break) are only replaced whole;
- review files mutated field by field, configuration files and decision
  imports through the command line: exit 0, 1 or 2, never a traceback;
  a refusal (2) is one line on stderr and leaves the review file as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from reviewer.cli import main
from reviewer.inputs import html, markdown, plain, po, xliff
from reviewer.inputs.applying import apply_in_format
from reviewer.inputs.registry import load as load_input
from reviewer.review.record import ReviewFile, dumps, loads
from reviewer.review.suggest import Status, Suggestion
from reviewer.text.document import Document, InputError, parse_document
from reviewer.text.segment import Kind
from testkit.review_factory import suggestions

ESCAPES: dict[str, Callable[[str], str]] = {
    plain.NAME: plain.escape, markdown.NAME: markdown.escape, html.NAME: html.escape,
    xliff.NAME: xliff.escape, po.NAME: po.escape,
}
PROTECTED = (Kind.TAG, Kind.MASK, Kind.ATOM)
ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

# Prose: words, placeholders, astral characters, quotes, punctuation.
WORDS = ["He", "go", "home", "the", "a", "apple", "is", "are", "This", "été", "naïve",
         "𝔘nicode", "😀", "«quoted»", "3,5", "%s", "%1$d", "%(name)s", "{0}", "{name}",
         "{{var}}", "${var}", "e.g.", "don't", "co-operate", "Kazbat", "—"]
PUNCT = [". ", ", ", "! ", "? ", " ", " ", " ", "; "]
# NUL is left out: review files and imports refuse it before apply (tests/test_safety_*).
REPLACEMENTS = st.lists(st.sampled_from(
    list("ab é😀&<>\"'\\{}%|*_`#-=\n\r\t") + ["&amp;", "<b>", "%s", "\n\n", "\n---\n"]
), max_size=6).map("".join)


@st.composite
def prose(draw: st.DrawFn, long_lines: bool = True) -> str:
    n = draw(st.integers(1, 12))
    out = []
    for _ in range(n):
        out.append(draw(st.sampled_from(WORDS)))
        out.append(draw(st.sampled_from(PUNCT)))
    text = "".join(out).strip() or "Text"
    if long_lines and draw(st.integers(0, 30)) == 0:
        text = " ".join([text] * 300)  # a very long line
    return text


def _entity(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["&amp;", "&lt;", "&#233;", "&#x1F600;", "&quot;"]))


@st.composite
def markdown_doc(draw: st.DrawFn) -> str:
    blocks = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["p", "h", "table", "list", "quote", "code", "inline"]))
        p = draw(prose())
        if kind == "h":
            blocks.append(f"# {p}")
        elif kind == "table":
            blocks.append(f"| a | b |\n| --- | --- |\n| {draw(prose(False))} | "
                          f"{draw(prose(False))} |")
        elif kind == "list":
            blocks.append(f"- {p}\n- {draw(prose(False))}")
        elif kind == "quote":
            blocks.append(f"> {p}\n> {draw(prose(False))}")
        elif kind == "code":
            blocks.append(f"```\n{p}\n```")
        elif kind == "inline":
            blocks.append(f"{p} `code {p[:5]}` **bold** [link](http://x.org/a) "
                          f"{_entity(draw)} \\* <b>tag</b> https://example.com/x.")
        else:
            blocks.append(p)
    return "\n\n".join(blocks) + "\n"


@st.composite
def html_doc(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        p = draw(prose())
        tag = draw(st.sampled_from(["p", "li", "h2", "td"]))
        parts.append(f"<{tag}>{p} <b>{draw(prose(False))}</b> {_entity(draw)} "
                     f"<code>x = 1</code><br>{draw(prose(False))}</{tag}>")
    return "<html><body>\n" + "\n".join(parts) + "\n</body></html>\n"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def xliff_doc(draw: st.DrawFn) -> str:
    units = []
    for i in range(draw(st.integers(1, 4))):
        target = (f"{_xml(draw(prose()))} <x id=\"{i}\"/> <g id=\"g{i}\">"
                  f"{_xml(draw(prose(False)))}</g> {_entity(draw)} "
                  f"<ph id=\"p{i}\">%s</ph> {_xml(draw(prose(False)))}")
        units.append(f'      <trans-unit id="u{i}">\n        <source>Текст {i}</source>\n'
                     f"        <target>{target}</target>\n      </trans-unit>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
            '  <file source-language="ru" target-language="en" datatype="plaintext" '
            'original="x">\n    <body>\n' + "\n".join(units) + "\n    </body>\n  </file>\n"
            "</xliff>\n")


def _po(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


@st.composite
def po_doc(draw: st.DrawFn) -> str:
    entries = ['msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n']
    for i in range(draw(st.integers(1, 4))):
        flag = "#, c-format\n" if draw(st.booleans()) else ""
        first, second = _po(draw(prose())), _po(draw(prose(False)))
        entries.append(f'{flag}msgid "source {i} %s"\nmsgstr ""\n"{first} "\n"{second}\\n"\n')
    return "\n".join(entries)


FORMATS: dict[str, Any] = {
    "doc.txt": st.lists(prose(), min_size=1, max_size=4).map(lambda ps: "\n\n".join(ps) + "\n"),
    "doc.md": markdown_doc(),
    "doc.html": html_doc(),
    "doc.xlf": xliff_doc(),
    "doc.po": po_doc(),
}
ENCODINGS = [("utf-8", ""), ("utf-8", "\ufeff"), ("utf-16-le", "\ufeff"),
             ("utf-16-be", "\ufeff"), ("utf-32-le", "\ufeff")]


@dataclass(frozen=True)
class DocumentCase:
    name: str
    raw: bytes
    spans: tuple[tuple[int, int, int], ...]  # (segment, start, end) in segment offsets
    decisions: tuple[tuple[str, int, str], ...]  # (status, choice, edit) per span


@st.composite
def document_cases(draw: st.DrawFn) -> DocumentCase:
    name = draw(st.sampled_from(sorted(FORMATS)))
    text = draw(FORMATS[name])
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    encoding, bom = draw(st.sampled_from(ENCODINGS))
    if name == "doc.xlf" and encoding != "utf-8":  # an XML declaration names its encoding
        text = text.replace('encoding="UTF-8"', f'encoding="{encoding[:6].upper()}"')
    raw = (bom + text).encode(encoding)
    spans = tuple(draw(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 10_000),
                                          st.integers(0, 12)), max_size=6)))
    decisions = tuple(draw(st.lists(
        st.tuples(st.sampled_from(["accepted", "edited", "rejected", "pending"]),
                  st.integers(0, 2), REPLACEMENTS),
        min_size=len(spans), max_size=len(spans))))
    return DocumentCase(name, raw, spans, decisions)


def _suggestions(doc: Document, case: DocumentCase) -> list[Suggestion]:
    """Findings placed as the checker places them (segment spans mapped to the file)."""
    segments = doc.segments or ()
    placed: list[tuple[int, int, tuple[str, ...]]] = []
    for (k, a, width), (_, _, rep) in zip(case.spans, case.decisions, strict=True):
        if doc.segments is None:
            start = a % (len(doc.text) + 1)
            end = min(len(doc.text), start + width)
        elif segments:
            seg = segments[k % len(segments)]
            if not seg.text:
                continue
            s = a % len(seg.text)
            start, end = seg.to_file(s, min(len(seg.text), s + width))
        else:
            continue
        placed.append((start, end, (rep or "x", "alt")))
    made = list(suggestions(doc.text, placed))
    out = []
    for s, (status, choice, edit) in zip(made, case.decisions, strict=False):
        if status == "accepted":
            s = replace(s, status=Status.ACCEPTED, choice=choice % len(s.alternatives))
        elif status == "edited":
            s = replace(s, status=Status.EDITED, edited_text=edit)
        elif status == "rejected":
            s = replace(s, status=Status.REJECTED)
        out.append(s)
    return out


def prop_apply_changes_exactly_the_applied_spans(case: DocumentCase) -> str:
    """The document property; returns what happened ("refused", "applied"...) for statistics."""
    try:
        doc = load_input(parse_document(case.name, case.raw))
    except InputError:
        return "input refused"
    todo = _suggestions(doc, case)
    outcome, data, refused = apply_in_format(doc, todo)
    again = parse_document(case.name, data)  # the output reads again, same encoding and BOM
    assert (again.encoding, again.bom) == (doc.encoding, doc.bom)
    escape = ESCAPES[doc.format]
    expected, pos = [], 0
    for a in sorted(outcome.applied, key=lambda a: a.start):
        expected += [doc.text[pos:a.start], escape(a.replacement)]
        pos = a.end
    expected.append(doc.text[pos:])
    assert again.text == "".join(expected), "apply changed more than the applied spans"
    for seg in doc.segments or ():
        for p in seg.pieces:
            if p.kind not in PROTECTED or p.file_end <= p.file_start:
                continue
            written = doc.text[p.file_start:p.file_end]
            whole_only = p.kind is Kind.ATOM and not ENTITY.fullmatch(written)
            for a in outcome.applied:
                if a.start < p.file_end and p.file_start < a.end:
                    inside = a.start <= p.file_start and p.file_end <= a.end
                    assert whole_only and inside, (
                        f"{p.kind.value} {written!r} changed by {a.replacement!r}")
    if refused:
        return "some refused"
    return "applied" if outcome.applied else "nothing applied"


@contextlib.contextmanager
def workdir() -> Iterator[Path]:
    """A fresh working directory for one example."""
    old = os.getcwd()
    with tempfile.TemporaryDirectory() as tmp:
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(old)


def run(argv: list[str]) -> tuple[int, str, str]:
    """`reviewer ARGV` in this process: (exit code, stdout, stderr). Exceptions propagate."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_one_line_refusal(code: int, err: str) -> None:
    assert code in (0, 1, 2), code
    if code == 2:
        assert err.count("\n") == 1 and err.startswith("reviewer"), err


BASE_TEXT = "He go home. This are a apple.\n\nShe go too.\n"


def base_review() -> dict[str, Any]:
    """A valid review file (as JSON data) of BASE_TEXT, with a decision and its history."""
    sugg = list(suggestions(BASE_TEXT, [(3, 5, ("goes", "went")), (17, 20, ("is",)),
                                        (21, 22, ())]))
    sugg[0] = replace(sugg[0], status=Status.ACCEPTED, choice=1, by="ann", at="2026-01-01T00:00Z")
    review = ReviewFile("doc.txt", hashlib.sha256(BASE_TEXT.encode()).hexdigest(), tuple(sugg))
    review = review.decide([sugg[0].decision()], "decide")
    data: dict[str, Any] = json.loads(dumps(review))
    return data


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*prefix, i))


FIELD_PATHS = [p for p in _paths(base_review()) if p]
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False)
    | st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
    | st.sampled_from(["", "x", "accepted", "edited", "\x00", "\x1b[2J", "9" * 400, "-1"]),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)


def drawn_field(draw: st.DrawFn) -> tuple[dict[str, Any], Any, str | int]:
    """A valid review file's data, and one of its fields (at any depth): (data, the dict
    or list holding the field, its key)."""
    data = base_review()
    path = draw(st.sampled_from(FIELD_PATHS))
    holder: Any = data
    for key in path[:-1]:
        holder = holder[key]
    return data, holder, path[-1]


@st.composite
def mutated_reviews(draw: st.DrawFn) -> str:
    """A valid review file with one field (at any depth) replaced, removed, or added."""
    data, holder, key = drawn_field(draw)
    how = draw(st.sampled_from(["replace", "replace", "remove", "add"]))
    if how == "remove":
        del holder[key]
    elif how == "add" and isinstance(holder, dict):
        holder[draw(st.text(min_size=1, max_size=8))] = draw(JSON_VALUES)
    else:
        holder[key] = draw(JSON_VALUES)
    return json.dumps(data)


def prop_a_mutated_review_file_is_used_or_refused_in_one_line(
    text: str, command: str, document: str = BASE_TEXT, sid: str = ""
) -> str:
    """`text`, a review file of `document` (doc.txt); `sid` the id `decide` names."""
    with workdir() as d:
        (d / "doc.txt").write_text(document, encoding="utf-8")
        (d / "r.json").write_text(text, encoding="utf-8")
        before = (d / "r.json").read_bytes()
        sid = sid or base_review()["suggestions"][1]["id"]
        argv = {"list": ["list", "r.json"],
                "apply": ["apply", "r.json", "--no-recheck", "-o", "out.txt"],
                "decide": ["decide", "r.json", sid, "--reject"],
                "accept-all": ["decide", "r.json", "--accept-all"]}[command]
        code, _, err = run(argv)
        assert_one_line_refusal(code, err)
        if code == 2:
            assert (d / "r.json").read_bytes() == before, "a refused review file was changed"
            assert not (d / "out.txt").exists()
        if command in ("decide", "accept-all") and code == 0:
            loads((d / "r.json").read_text(encoding="utf-8"), "r.json")  # still a review file
        return "refused" if code == 2 else "used"


@st.composite
def decision_imports(draw: st.DrawFn) -> str:
    """A decisions import, mostly well-formed, with some fields anything at all."""
    data = base_review()
    ids = [s["id"] for s in data["suggestions"]]

    def field(good: Any) -> Any:
        return st.one_of(good, good, good, JSON_VALUES)  # three times in four: plausible

    decision = st.fixed_dictionaries(
        {"id": field(st.sampled_from(ids) | st.sampled_from([i[:3] for i in ids])),
         "status": field(st.sampled_from(["accepted", "rejected", "edited", "pending",
                                           "obsolete"]))},
        optional={"choice": field(st.integers(-1, 3) | st.none()),
                  "edited_text": field(REPLACEMENTS | st.none()),
                  "comment": field(st.text(max_size=20) | st.just("x" * 10_001)),
                  "by": field(st.text(max_size=10)), "at": st.text(max_size=10)})
    doc = st.fixed_dictionaries({
        "schema_version": field(st.just(1)),
        "document_sha256": field(st.just(data["document"]["sha256"])),
        "decisions": field(st.lists(decision, max_size=4))})
    return json.dumps(draw(doc))


def prop_a_decisions_import_is_taken_whole_or_refused_in_one_line(text: str) -> str:
    with workdir() as d:
        (d / "r.json").write_text(json.dumps(base_review()), encoding="utf-8")
        (d / "d.json").write_text(text, encoding="utf-8")
        before = (d / "r.json").read_bytes()
        code, _, err = run(["decide", "r.json", "--import", "d.json"])
        assert_one_line_refusal(code, err)
        if code == 2:
            assert (d / "r.json").read_bytes() == before
        else:
            loads((d / "r.json").read_text(encoding="utf-8"), "r.json")
        return "refused" if code == 2 else "taken"


TOML_KEYS = ["language", "mother_tongue", "picky", "enable", "disable", "rule_options",
             "severity", "accept_words", "ignore_patterns", "include", "fail_on", "max_findings",
             "max_density", "output", "format", "cache", "tool", "reviewer", "bogus"]


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if value == value and abs(value) != float("inf") else "nan"
    if isinstance(value, str):
        return json.dumps(value)  # TOML basic strings take JSON's escapes
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml(v)}" for k, v in value.items()) + "}"


@st.composite
def config_files(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(["reviewer.toml", "pyproject.toml"]))
    scalar = (st.booleans() | st.integers(-5, 2**70) | st.floats(allow_nan=False)
              | st.text(max_size=8) | st.sampled_from(["en-GB", "zz", "(a+)+$", "(?<=x)y",
                                                       "TQA_NOPE.x=1", "json", "major"]))
    values = st.recursive(scalar, lambda c: st.lists(c, max_size=3)
                          | st.dictionaries(st.sampled_from(TOML_KEYS), c, max_size=3),
                          max_leaves=5)
    table = draw(st.dictionaries(st.sampled_from(TOML_KEYS), values, max_size=5))
    body = "\n".join(f"{k} = {_toml(v)}" for k, v in table.items()) + "\n"
    if name == "pyproject.toml":
        body = draw(st.sampled_from(["[tool.reviewer]\n", "[tool]\n", ""])) + body
    if draw(st.integers(0, 10)) == 0:
        body = draw(st.text(max_size=40))  # not TOML at all
    return name, body


def prop_a_configuration_file_is_used_or_refused_in_one_line(case: tuple[str, str]) -> str:
    name, body = case
    with workdir() as d:
        (d / name).write_text(body, encoding="utf-8", errors="surrogatepass")
        code, _, err = run(["config", "show"])
        assert code in (0, 2)
        assert_one_line_refusal(code, err)
        return "refused" if code == 2 else "used"
