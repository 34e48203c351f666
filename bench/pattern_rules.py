"""Our LanguageTool pattern rules alone, rule by rule, on the evaluation sets.

    python bench/pattern_rules.py                      # every set, every rule, on or off
    python bench/pattern_rules.py --sets realec --show TQA_COMMA_BEFORE_THAT
    python bench/pattern_rules.py --sets realec,mlqe --wordlist

Only the TRANSLATIONESE rules run (`enabledOnly`, rules that are off by default
included), each `<rule>` of a group counted apart (`ID/subId`), so a rule can be
judged in a minute without a whole `bench/quality.py` run. Columns: findings,
findings in erroneous / clean sentences, findings on a gold token. Two sets are
human-accepted text, where every finding is a probable false alarm: `mlqe-pe`
(the 8,000 post-edits of MLQE-PE train and dev) and `jfleg-ref` (JFLEG's four
fluent rewrites of its 754 dev sentences).

`--wordlist` also runs `comma_before_that_wordlist`, the comma-before-that rule
written without a tagger (word forms listed instead of lemmas and
part-of-speech tags), and counts it beside the XML rule: docs/quality.md
compares the two.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import urllib.parse
import urllib.request
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from qualitybench.datasets import Sentence, read_jfleg, read_m2, read_mlqe, read_realec
from qualitybench.detok import detokenise

from reviewer.lt import custom
from reviewer.lt.client import LTSettings
from reviewer.lt.engine import Engine

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"

Span = tuple[str, int, int]  # rule id (with /subId), start, end


def _references(texts: Sequence[str], kind: str) -> list[Sentence]:
    return [Sentence(f"{kind}:{n + 1}", tuple(t.split()), False)
            for n, t in enumerate(texts) if t.strip()]


def _mlqe_pe(root: Path) -> list[Sentence]:
    lines: list[str] = []
    for split in ("train", "dev"):
        lines += (root / "mlqe-ru-en" / f"{split}.pe").read_text(encoding="utf-8").splitlines()
    return _references(lines, "mlqe-pe")


def _jfleg_ref(root: Path) -> list[Sentence]:
    lines: list[str] = []
    for ref in sorted((root / "jfleg").glob("dev.ref*")):
        lines += ref.read_text(encoding="utf-8").splitlines()
    return _references(lines, "jfleg-ref")


SETS: dict[str, Callable[[Path], Sequence[Sentence]]] = {
    "realec": lambda root: read_realec(root / "realec").sentences,
    "mlqe": lambda root: read_mlqe(root / "mlqe-ru-en").sentences,
    "mlqe-train": lambda root: read_mlqe(root / "mlqe-ru-en", "train").sentences,
    "conll": lambda root: read_m2(root / "conll13").sentences,
    "jfleg": lambda root: read_jfleg(root / "jfleg").sentences,
    "mlqe-pe": _mlqe_pe,
    "jfleg-ref": _jfleg_ref,
}

# The comma-before-that rule without a tagger: the verbs of grammar_custom.xml's
# first TQA_COMMA_BEFORE_THAT rule, each written out in its forms.
_VERBS = (
    "believe|think|know|say|note|notice|emphasi[sz]e|stress|underline|understand|hope|consider|"
    "assume|suppose|state|report|mention|declare|announce|reali[sz]e|admit|agree|claim|show|prove|"
    "see|feel|expect|remember|confirm|indicate|add|explain|recogni[sz]e|suggest|argue|conclude|"
    "insist|assert|deny|find|learn|hear|predict|reveal|demonstrate|illustrate|imagine|guess|mean|"
    "ensure|decide|seem|appear|doubt|fear|estimate|calculate|establish|observe|warn|acknowledge|"
    "presume|reckon|maintain|discover|forget"
)
_IRREGULAR = (
    "thought|knew|known|said|understood|felt|found|learnt|learned|heard|meant|seen|saw|shown|"
    "proven|forgot|forgotten|noted|stated"
)
_COMMA_THAT = re.compile(
    r"\b((?:(?:" + _VERBS + r")(?:s|es|d|ed|ing)?|" + _IRREGULAR + r")),(?= that\b(?! is\b|'s\b))",
    re.IGNORECASE,
)


def comma_before_that_wordlist(text: str) -> Iterator[tuple[int, int]]:
    """Spans `verb,` before `that`, found from a list of word forms."""
    for m in _COMMA_THAT.finditer(text):
        yield m.start(1), m.end()


def check(url: str, text: str, wordlist: bool) -> list[Span]:
    form = {"text": text, "language": "en-US", "enabledOnly": "true",
            "enabledCategories": custom.CATEGORY,
            "enabledRules": ",".join(sorted(custom.rule_ids()))}
    with urllib.request.urlopen(url + "/v2/check", urllib.parse.urlencode(form).encode(),
                                timeout=60) as answer:
        matches = json.load(answer)["matches"]
    spans = [(f"{m['rule']['id']}/{m['rule'].get('subId', '1')}", m["offset"],
              m["offset"] + m["length"]) for m in matches]
    if wordlist:
        spans += [("WORDLIST_COMMA_BEFORE_THAT", s, e) for s, e in comma_before_that_wordlist(text)]
    return spans


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="bench/pattern_rules.py", description=__doc__.split("\n")[0])
    p.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS))
    p.add_argument("--eval", type=Path, default=EVAL, help="the evaluation data folder")
    p.add_argument("--server", metavar="URL", help="a running server that has our rules")
    p.add_argument("--show", metavar="RULE", help="print the findings of rules whose id "
                   "starts with RULE")
    p.add_argument("--wordlist", action="store_true",
                   help="also count the comma-before-that rule written without a tagger")
    p.add_argument("--jobs", "-j", type=int, default=2)
    args = p.parse_args(argv)
    with Engine(args.server) as engine:
        url = engine.client(LTSettings()).url  # starts ours, if it is ours
        for name in args.sets.split(","):
            sentences = SETS[name](args.eval)
            texts = [detokenise(s.tokens) for s in sentences]
            with ThreadPoolExecutor(args.jobs) as pool:
                found = list(pool.map(lambda d: check(url, d.text, args.wordlist), texts))
            counts: dict[str, Counter[str]] = defaultdict(Counter)
            for s, d, spans in zip(sentences, texts, found, strict=True):
                for rule, start, end in spans:
                    c = counts[rule]
                    c["findings"] += 1
                    c["erroneous" if s.erroneous else "clean"] += 1
                    c["on gold"] += bool(s.gold_tokens and set(d.tokens_at(start, end))
                                         & s.gold_tokens)
                    if args.show and rule.startswith(args.show):
                        mark = f"{d.text[:start]}[[{d.text[start:end]}]]{d.text[end:]}"
                        state = "erroneous" if s.erroneous else "clean"
                        print(f"  {rule} {state}: {mark}")
            print(f"{name}: {len(sentences)} sentences "
                  f"({sum(s.erroneous for s in sentences)} erroneous)")
            print(f"  {'rule/sub':40} {'found':>6} {'in-err':>6} {'clean':>6} {'on-gold':>7}")
            for rule in sorted(counts):
                c = counts[rule]
                print(f"  {rule:40} {c['findings']:6} {c['erroneous']:6} {c['clean']:6} "
                      f"{c['on gold']:7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
