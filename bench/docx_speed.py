"""Word documents: checking a .docx against the same text as .txt, writing tracked changes.

    python bench/docx_speed.py [--words 50000] [--no-check] [--json]

A document of about `--words` words (the seed's paragraphs repeated, three runs
each with a bold one, a 3x3 table every ten paragraphs: about 100 pages at
50,000 words) is made with python-docx. Measured:

(a) reading: the .docx (package checks, parse, runs to segments) vs the .txt;
(b) checking: `check_documents` of the .docx vs of its extracted text as .txt,
    on one running server with its result cache off (targets: ratio <= 1.2);
(c) apply: one correction every 25 words written as tracked changes, and as
    plain edits (target: < 5 s);
(d) peak memory of this Python process (target: < 500 MB; the JVM is apart).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402

from reviewer.inputs.docx_write import WriteOptions, write  # noqa: E402
from reviewer.inputs.registry import load  # noqa: E402
from reviewer.inputs.writeback import Correction  # noqa: E402
from reviewer.text.document import parse_document  # noqa: E402
from reviewer.text.docx_read import read_word  # noqa: E402

SEED = ROOT / "seeds" / "mine-action-statement.en.txt"


def make_docx(words: int) -> bytes:
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", SEED.read_text("utf-8"))
             if p.strip()]
    d = docx.Document()
    count = n = 0
    while count < words:
        para = paras[n % len(paras)]
        n += 1
        ws = para.split(" ")
        third = max(1, len(ws) // 3)
        p = d.add_paragraph(" ".join(ws[:third]) + " ")
        p.add_run(" ".join(ws[third:2 * third]) + " ").bold = True
        p.add_run(" ".join(ws[2 * third:]))
        count += len(ws)
        if n % 10 == 0:
            t = d.add_table(rows=3, cols=3)
            for i, cell in enumerate(c for row in t.rows for c in row.cells):
                cell.text = f"Cell {i} of the the table {n}"
                count += 6
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def timed(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def corrections(text: str, every: int = 25) -> list[Correction]:
    out = []
    for i, m in enumerate(re.finditer(r"[A-Za-z]{4,}", text)):
        if i % every == 0:
            out.append(Correction(m.start(), m.end(), m.group(0).upper()))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--words", type=int, default=50_000)
    p.add_argument("--no-check", action="store_true", help="skip (b): no LanguageTool")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    raw = make_docx(args.words)
    out: dict[str, float] = {"docx_bytes": len(raw)}
    d = load(parse_document("bench.docx", raw))
    t = load(parse_document("bench.txt", d.text.encode()))
    out["words"] = float(len(d.text.split()))
    out["segments"] = float(len(d.segments or ()))
    def read_docx() -> None:
        read_word.cache_clear()  # what a fresh process does
        load(parse_document("b.docx", raw))

    out["read_docx_s"] = timed(read_docx)
    out["read_txt_s"] = timed(lambda: load(parse_document("b.txt", d.text.encode())))
    fixes = [c for c in corrections(d.text)
             if not any(s.refusal(c.start, c.end) for s in (d.segments or ())
                        if s.file_span[0] <= c.start and c.end <= s.file_span[1])]
    out["corrections"] = float(len(fixes))
    out["apply_tracked_s"] = timed(lambda: write(raw, fixes, WriteOptions()), 1)
    out["apply_plain_s"] = timed(lambda: write(raw, fixes, WriteOptions(track=False)), 1)
    if not args.no_check:
        from reviewer.checker import CheckOptions, check_documents
        from reviewer.lt.engine import Engine
        from reviewer.lt.provision import jars_dir
        from reviewer.lt.server import SERVER_CONFIG, LocalServer

        no_cache = SERVER_CONFIG.replace("cacheSize=2000", "cacheSize=0")
        with tempfile.TemporaryDirectory() as tmp, LocalServer(
            jars_dir(), Path(tmp) / "lt.log", start_timeout=180, config=no_cache
        ) as server, Engine(server.url) as engine:
            opts = CheckOptions()
            check_documents([parse_document("w.txt", SEED.read_bytes())], engine, opts)
            out["check_txt_s"] = timed(lambda: check_documents([t], engine, opts), 1)

            def check_docx() -> None:
                read_word.cache_clear()  # reading the package is part of checking it
                check_documents([load(parse_document("bench.docx", raw))], engine, opts)

            out["check_docx_s"] = timed(check_docx, 1)
            out["check_ratio"] = out["check_docx_s"] / out["check_txt_s"]
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for k, v in out.items():
            print(f"{k:>18}: {v:.3f}" if isinstance(v, float) else f"{k:>18}: {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
