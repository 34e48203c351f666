"""`reviewer review` then `apply` on XLIFF and HTML: corrections land in the file, markup intact."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reviewer.inputs import html, xliff
from reviewer.review.store import load

DATA = Path(__file__).parent / "data" / "inputs"


@pytest.mark.parametrize(("name", "before", "after", "extract"), [
    ("sample12.xlf", b'It is a <g id="1">opportunity</g>', b'It is an <g id="1">opportunity</g>',
     xliff.extract),
    ("sample.html", b"This is a <b>example</b>", b"This is an <b>example</b>", html.extract),
])
def test_accepted_correction_written_back_in_format(  # type: ignore[no-untyped-def]
    run_cli, lt_url: str, tmp_path: Path, name: str, before: bytes, after: bytes, extract
) -> None:
    doc = tmp_path / name
    shutil.copy(DATA / name, doc)
    review_file = tmp_path / "review.json"
    code, _, err = run_cli("review", str(doc), "-o", str(review_file))
    assert code in (0, 1), err
    ids = [s.id for s in load(review_file).suggestions
           if s.finding.rule_id == "EN_A_VS_AN" and s.finding.text == "a"]
    assert len(ids) == 1
    code, _, err = run_cli("decide", str(review_file), ids[0], "--accept")
    assert code == 0, err
    out = tmp_path / f"out-{name}"
    code, stdout, err = run_cli("apply", str(review_file), "-o", str(out), "--server", lt_url)
    assert code == 0, err + stdout
    assert "1 of 1 corrected findings are gone" in stdout
    raw = (DATA / name).read_bytes()
    assert out.read_bytes() == raw.replace(before, after)
    assert len(extract(out.read_bytes())) == len(extract(raw))
