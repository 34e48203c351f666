"""Fuzz cases of issue 20 (hostile and huge inputs): generators and their properties.

Shared, like testkit/fuzzing.py, by the suite (`tests/test_fuzz.py`) and the long
run (`bench/fuzz.py`):

- outputs that are links or special files: `apply`'s `-o` or its default
  output (`reports/doc.corrected.txt`) planted as a symlink out of the working
  folder (to a file, or dangling), a symlink inside it, a FIFO (read or not),
  a link to a FIFO, a null device, a folder. Through a default output nothing
  outside the working folder changes or appears (a path the user names with
  `-o` is written through its link, as a shell's `>` would: reviewer.files);
  a FIFO stays a FIFO and a device a device; a refusal is one line (exit 2).
  The device is a private one made with mknod in the example's folder, never
  the real /dev/null: a run as root that replaced /dev/null would break the
  machine for every other process;
- documents in every format holding one adversarial long token (runs of word
  characters, of e-mail names, backticks, comments, images, "!", placeholders'
  openers, entities, escapes), up to 100,000 characters: `apply` changes
  exactly the applied spans (testkit/fuzzing's property), in linear time;
- review files with many suggestions (10^5 in the long run), a few of them
  mutated, through `list`, `decide`, `decide --accept-all` and `apply`;
- review files with a value nested thousands deep in any field.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from hypothesis import strategies as st

from reviewer.inputs import html
from reviewer.review.record import ReviewFile, dumps
from reviewer.review.suggest import Status
from testkit import fuzzing
from testkit.fuzzing import (
    BASE_TEXT,
    JSON_VALUES,
    DocumentCase,
    assert_one_line_refusal,
    base_review,
    run,
    workdir,
)
from testkit.review_factory import suggestions

# -- Outputs that are links or special files ------------------------------------------------

OUTPUT_KINDS = ["link-out", "dangling-link-out", "link-in", "fifo", "fifo-read", "link-to-fifo",
                "null-device", "folder"]
OUTSIDE = "victim.txt"


@dataclass(frozen=True)
class OutputCase:
    kind: str  # one of OUTPUT_KINDS: what is at the output's name before the command
    named: bool  # `-o NAME`, or apply's default output


def output_cases() -> st.SearchStrategy[OutputCase]:
    return st.builds(OutputCase, st.sampled_from(OUTPUT_KINDS), st.booleans())


def _plant(kind: str, target: Path, folder: Path, outside: Path) -> tuple[Path | None, int | None]:
    """Make `kind` at `target`; returns (the special file to check afterwards, a reader fd)."""
    if kind == "link-out":
        target.symlink_to(outside / OUTSIDE)
    elif kind == "dangling-link-out":
        target.symlink_to(outside / "new.txt")
    elif kind == "link-in":
        (folder / "inside.txt").write_text("inside\n", encoding="utf-8")
        target.symlink_to(folder / "inside.txt")
    elif kind in ("fifo", "fifo-read"):
        os.mkfifo(target)
        reader = os.open(target, os.O_RDONLY | os.O_NONBLOCK) if kind == "fifo-read" else None
        return target, reader
    elif kind == "link-to-fifo":
        os.mkfifo(folder / "pipe")
        target.symlink_to(folder / "pipe")
        return folder / "pipe", os.open(folder / "pipe", os.O_RDONLY | os.O_NONBLOCK)
    elif kind == "null-device":
        try:
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except OSError:  # not root, or no devices here: a FIFO stands in
            os.mkfifo(target)
        return target, None
    elif kind == "folder":
        target.mkdir()
    return None, None


def _drain(reader: int | None) -> None:
    if reader is None:
        return
    try:
        while os.read(reader, 65536):
            pass
    except BlockingIOError:
        pass
    finally:
        os.close(reader)


def prop_an_output_never_lands_outside_nor_replaces_a_special_file(case: OutputCase) -> str:
    with workdir() as d, tempfile.TemporaryDirectory() as out_dir:
        outside = Path(out_dir)
        (outside / OUTSIDE).write_text("VICTIM\n", encoding="utf-8")
        (d / "doc.txt").write_text(BASE_TEXT, encoding="utf-8")
        (d / "reports").mkdir()
        (d / "reports" / "doc.review.json").write_text(json.dumps(base_review()),
                                                       encoding="utf-8")
        target = d / ("out.txt" if case.named else "reports/doc.corrected.txt")
        special, reader = _plant(case.kind, target, d, outside)
        kind = stat.S_IFMT(os.lstat(special).st_mode) if special else None
        named = ["-o", str(target.relative_to(d))] if case.named else []
        try:
            code, _, err = run(["apply", "reports/doc.review.json", "--no-recheck", *named])
        finally:
            _drain(reader)
        assert_one_line_refusal(code, err)
        if not case.named:  # a path the user typed is written through its link, as `>` would
            assert sorted(p.name for p in outside.iterdir()) == [OUTSIDE], "a file made outside"
            assert (outside / OUTSIDE).read_text(encoding="utf-8") == "VICTIM\n", (
                "a file outside the working folder was written through a planted link")
        if special is not None:
            assert stat.S_IFMT(os.lstat(special).st_mode) == kind, (
                f"{case.kind} replaced by a regular file")
        return f"{case.kind} {'-o' if case.named else 'default'}: exit {code}"


# -- Documents holding one adversarial long token -------------------------------------------

TOKEN_RUNS = ["x", "a_", "a.", "a@", "`", "<!--", "![", "!", "%1", "{a,", "<a ", "www.", "&a",
              "\\", "é"]
TOKEN_SIZES = [1_000, 20_000, 100_000]
LONG_TEMPLATES = {
    "doc.txt": lambda t: f"He go home. {t} This are a apple.\n",
    "doc.md": lambda t: f"# Title\n\nHe go home {t} and more.\n",
    "doc.html": lambda t: f"<html><body><p>He go {html.escape(t)} home.</p></body></html>\n",
    "doc.xlf": lambda t: (
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" xmlns="urn:oasis:names:'
        'tc:xliff:document:1.2"><file source-language="ru" target-language="en" datatype='
        '"plaintext" original="x"><body><trans-unit id="u"><source>Текст</source>'
        f"<target>He go {fuzzing._xml(t)} home.</target></trans-unit></body></file></xliff>\n"),
    "doc.po": lambda t: (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f'msgid "source"\nmsgstr "He go {fuzzing._po(t)} home."\n'),
}


@st.composite
def long_token_cases(draw: st.DrawFn) -> DocumentCase:
    name = draw(st.sampled_from(sorted(LONG_TEMPLATES)))
    token_run = draw(st.sampled_from(TOKEN_RUNS))
    size = draw(st.sampled_from(TOKEN_SIZES))
    token = (token_run * (size // len(token_run) + 1))[:size]
    raw = LONG_TEMPLATES[name](token).encode("utf-8")
    spans = tuple(draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, size + 40),
                                          st.integers(0, 12)), max_size=6)))
    decisions = tuple(draw(st.lists(
        st.tuples(st.sampled_from(["accepted", "edited", "rejected"]), st.integers(0, 2),
                  fuzzing.REPLACEMENTS),
        min_size=len(spans), max_size=len(spans))))
    return DocumentCase(name, raw, spans, decisions)


# -- Review files with many suggestions, and deep nesting -----------------------------------

@functools.cache
def many(count: int) -> tuple[str, str]:
    """(document, review file text): one suggestion per word, every third one accepted."""
    text = " ".join(f"w{i}" for i in range(count)) + ".\n"
    spans, pos = [], 0
    for w in text.split(" "):
        word = w.rstrip(".\n")
        spans.append((pos, pos + len(word), (word.upper(), "x")))
        pos += len(w) + 1
    made = [replace(s, status=Status.ACCEPTED, choice=0) if i % 3 == 0 else s
            for i, s in enumerate(suggestions(text, spans))]
    review = ReviewFile("doc.txt", hashlib.sha256(text.encode()).hexdigest(), tuple(made))
    return text, dumps(review)


@dataclass(frozen=True)
class ReviewCase:
    document: str
    text: str  # the review file
    sid: str  # the id `decide` names


@st.composite
def many_suggestion_reviews(draw: st.DrawFn, count: int) -> ReviewCase:
    """The review file of `many(count)` with up to three suggestions' fields replaced."""
    document, text = many(count)
    data = json.loads(text)
    listed = data["suggestions"]
    sid = listed[1]["id"]  # named before a mutation can make the id a number, or remove it
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, count - 1))
        entry = json.loads(json.dumps(listed[k]))
        key = draw(st.sampled_from(sorted(entry)))
        entry[key] = draw(JSON_VALUES)
        listed[k] = entry
    return ReviewCase(document, json.dumps(data), sid)


DEEP = "\x00deep\x00"


@st.composite
def deeply_nested_reviews(draw: st.DrawFn) -> ReviewCase:
    """BASE_TEXT's review file with one field's value nested thousands deep."""
    data, holder, key = fuzzing.drawn_field(draw)
    holder[key] = DEEP
    depth = draw(st.sampled_from([1_000, 3_000, 100_000]))
    nested = draw(st.sampled_from([("[" * depth, "]" * depth),
                                   ('{"a":' * depth + "1", "}" * depth)]))
    text = json.dumps(data).replace(json.dumps(DEEP), "".join(nested), 1)
    return ReviewCase(BASE_TEXT, text, base_review()["suggestions"][1]["id"])


COMMANDS = ["list", "apply", "decide", "accept-all"]


def prop_a_hostile_review_file_is_used_or_refused_in_one_line(case: ReviewCase,
                                                                command: str) -> str:
    return fuzzing.prop_a_mutated_review_file_is_used_or_refused_in_one_line(
        case.text, command, case.document, case.sid)
