"""Held-out figures of confidence model files, side by side, on the same findings.

    python bench/compare_confidence.py OLD.json reviewer/data/confidence.json

Each model is applied at its own threshold (`min_confidence`) to the findings of the
held-out parts (`bench/qualitybench/confidence/data.py`: REALEC's second half, MLQE-PE
dev plain and as PO, CoNLL-2013), checked once (or read from the training cache). Sentence
F0.5, false-alarm rate and token F0.5, as in the training report.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qualitybench.confidence import collect, evaluate, train
from qualitybench.confidence.data import parts

from reviewer.confidence.model import load_model

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("models", nargs="+", type=Path, help="model files (confidence.json)")
    p.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    args = p.parse_args(argv)
    held_out = [part for part in parts(args.eval_dir) if not part.training]
    checked = collect.load(held_out)
    rows = train.build_rows(held_out, checked)
    print("| part | " + " | ".join(f"{m} (t={load_model(m).min_confidence:.2f})"
                                    for m in args.models) + " |")
    print("| --- |" + " --- |" * len(args.models))
    for part in held_out:
        cells = []
        for path in args.models:
            model = load_model(path)
            conf: list[list[float]] = [[] for _ in checked[part.name]]
            for r in rows:
                if r.part == part.name:
                    conf[r.sentence].append(model.confidence(r.features))
            point = evaluate.Point.of(model.min_confidence, evaluate.at_threshold(
                part.sentences, checked[part.name], conf, model.min_confidence))
            tok = "-" if point.token_f05 is None else f"{point.token_f05:.3f}"
            cells.append(f"{point.f05:.3f} / FA {point.false_alarm_rate:.3f} / token {tok}")
        print(f"| {part.name} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
