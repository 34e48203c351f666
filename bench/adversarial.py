"""Time per character on adversarial text, from 10 kB to 1 MB (issue 20, item 5).

    .venv/bin/python bench/adversarial.py [--sizes 10000,100000,1000000] [--only markdown]

Each shape is a long run of what made a pattern try every start of the run: word
characters (the e-mail pattern), backticks, comments and images that never
close, runs of "!" (sentence ends), placeholders' openers. For each step that
reads protected text (the protected spans of reviewer.text.protected, each
input format's extraction, the confidence features' sentence index, every rule
of ours on the text as source and target) it prints
nanoseconds per character at each size, the ratio of the largest size to the
smallest, and the largest ratio between two sizes in a row: about 1 for linear
time, where a quadratic step shows the ratio of the sizes (10 from one size to
the next, 100 from 10 kB to 1 MB). A 10 kB text fits in the processor's cache
and a megabyte does not, so up to 3 or so from 10 kB to 1 MB is memory, not
the algorithm. Exits 1 when a step-to-step ratio passes --max-ratio.
No LanguageTool needed.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reviewer.confidence.features import Sentences  # noqa: E402
from reviewer.inputs import html, markdown, plain, po, xliff  # noqa: E402
from reviewer.rules.base import Subject  # noqa: E402
from reviewer.rules.run import RuleConfig, rule_hits  # noqa: E402
from reviewer.text.protected import protected_spans  # noqa: E402

SHAPES = {
    "word": "x",
    "e-mail name": "a_",
    "e-mail dots": "a.",
    "at-signs": "a@",
    "www": "www.",
    "printf": "%1",
    "braces": "{a,",
    "tags": "<a ",
    "backticks": "`",
    "comment": "<!--",
    "image": "![",
    "bangs": "!",
    "entities": "&a",
    "hyphens": "a-",
    "quotes": "»",
}


def _po(text: str) -> bytes:
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'msgid "x"\nmsgstr "{body}"\n'.encode()


def _xliff(text: str) -> bytes:
    body = text.replace("&", "&amp;").replace("<", "&lt;")
    return ('<?xml version="1.0"?><xliff version="1.2"><file source-language="ru" '
            'target-language="en"><body><trans-unit id="1"><source>x</source>'
            f"<target>{body}</target></trans-unit></body></file></xliff>").encode()


def _html(text: str) -> bytes:
    return f"<p>{text}</p>".encode()


STEPS: dict[str, Callable[[str], object]] = {
    "protected": lambda t: list(protected_spans(t)),
    "plain": lambda t: plain.extract(t.encode()),
    "markdown": lambda t: markdown.extract(("Text " + t).encode()),
    "html": lambda t: html.extract(_html(t)),
    "po": lambda t: po.extract(_po(t)),
    "xliff": lambda t: xliff.extract(_xliff(t)),
    "sentences": lambda t: Sentences(t),
    "rules": lambda t: rule_hits(Subject(text=t, source=t, has_source=True, glossary=()),
                                 RuleConfig(), "en-US"),
}


def per_char_ns(step: Callable[[str], object], text: str, budget: float) -> float:
    """Nanoseconds per character: the best of three runs or more (within `budget` seconds).

    The best, not the mean: the machine is shared, and a run slowed by other work
    says nothing about the step.
    """
    times: list[float] = []
    while len(times) < 3 or sum(times) < budget:
        started = time.perf_counter()
        step(text)
        times.append(time.perf_counter() - started)
    return min(times) / len(text) * 1e9


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--only", choices=sorted(STEPS), action="append")
    parser.add_argument("--shape", choices=sorted(SHAPES), action="append")
    parser.add_argument("--max-ratio", type=float, default=5.0,
                        help="ns/char of a size over the size before that fails the run")
    parser.add_argument("--budget", type=float, default=0.3, help="seconds per measure")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    steps = args.only or list(STEPS)
    shapes = args.shape or list(SHAPES)
    print(f"{'step':<10} {'shape':<12} " + " ".join(f"{f'{n:,} ns/ch':>14}" for n in sizes)
          + f" {'ratio':>7} {'step':>6}")
    worst = 0.0
    for step in steps:
        for shape in shapes:
            run = SHAPES[shape]
            figures = [per_char_ns(STEPS[step], (run * (n // len(run) + 1))[:n], args.budget)
                       for n in sizes]
            ratio = figures[-1] / max(figures[0], 1e-9)
            steps_up = max(b / max(a, 1e-9) for a, b in zip(figures, figures[1:], strict=False))
            worst = max(worst, steps_up)
            flag = "  <- not flat" if steps_up > args.max_ratio else ""
            print(f"{step:<10} {shape:<12} " + " ".join(f"{f:>14.0f}" for f in figures)
                  + f" {ratio:>7.2f} {steps_up:>6.2f}{flag}", flush=True)
    print(f"worst step-to-step ratio {worst:.2f} (at most {args.max_ratio} passes)")
    return 1 if worst > args.max_ratio else 0


if __name__ == "__main__":
    sys.exit(main())
