"""Rules from the statistical usage models (reviewer.usage): articles, prepositions, calques.

They report where the writer's choice is improbable for a native writer in
that context, with the model's choice as the replacement. The threshold
options are percentages of the model's probability.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject
from reviewer.rules.grammar.tagged import tagged_sentences
from reviewer.usage import articles, collocations, governors, models, prepositions
from reviewer.usage.linear import Linear
from reviewer.usage.phrases import Phrase, phrases
from reviewer.usage.tokens import Token

_AN_EXCEPTIONS = ("uni", "use", "usu", "eu", "one", "once", "ukr", "ura", "euro")
_AN_SILENT_H = ("hour", "honest", "honour", "honor", "heir")


def indefinite(word: str) -> str:
    """`a` or `an` before `word`, by its first sound as spelling suggests."""
    low = word.lower()
    if low.startswith(_AN_SILENT_H):
        return "an"
    if low[:1] in "aeiou" and not low.startswith(_AN_EXCEPTIONS):
        return "an"
    if word.isupper() and len(word) > 1 and word[0] in "AEFHILMNORSX":  # an EU, an MP
        return "an"
    return "a"


def _sentences(text: str) -> Iterator[tuple[list[Token], list[str], list[str], int]]:
    """Each tagged sentence of `text` (headings left out): its tokens, words as written,
    tags and paragraph number, from the one tagging every rule shares."""
    for s in tagged_sentences(text):
        yield list(s.toks), [t.word for t in s.toks], list(s.tags), s.paragraph


def _cased(word: str, like: str) -> str:
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


# (keep, change) by kind of edit, as probabilities of the article model: the writer's choice
# is reported when its probability is under `keep` and the model's choice is at least
# `change` (an inserted article: INSERT_CHANGE by `insert_place`). Chosen on
# ../shared/eval/translationese-dev and REALEC's tuning half together, against the false
# alarms on REALEC's clean sentences (docs/quality.md, "The article model"): a missing
# article is the common error of translation from Russian and the model's surest call; a
# superfluous one is reported before names only; `a` made `the` needs the model as sure
# as a name losing `the` (which thing the reader knows is the writer's call).
THRESHOLDS = {"insert": (0.25, 0.70), "swap": (0.15, 0.70), "swap to the": (0.15, 0.85),
              "remove": (0.10, 0.85)}
# How probable an inserted article must be, by where the phrase stands. A singular noun
# opening a sentence is a subject, where English wants a determiner; a noun with its own
# complement (`the X of`, `the border with`) and names are the model's surest calls; after
# a preposition a generic noun is often bare (`in sport`, `by technology`); `a` against
# none depends on countability, which the model knows least. A singular noun before `of`
# is its surest call of all: `of` ties the noun to one thing (`the share of exports`), so
# a bare one there is a missing `the` far more often than a generic noun (REALEC-tune's
# places at 0.55-0.70 before `of`: 6 on annotated tokens, 6 elsewhere in erroneous
# sentences, 2 in clean ones, both a missing `the` the annotators left).
INSERT_CHANGE = {"start": 0.60, "before of": 0.55, "before preposition": 0.70, "name": 0.70,
                 "other": 0.80, "after preposition": 0.90, "a": 0.80}
PLURAL_CHANGE = 0.85  # an article before a bare plural head must be this probable ...
PLURAL_START_CHANGE = 0.75  # ... or this, opening a sentence
# The writer's none opening a sentence is improbable below this (0.25 elsewhere): the model
# learnt bare openings from its training text's headings and list items.
START_KEEP = 0.30


def check_article(subject: Subject, options: Options) -> Iterator[Hit]:
    """An article a native writer would not use: `to development of` → `to the development of`.

    A statistical model of English (reviewer.usage.articles) predicts a/an,
    the or no article before each noun phrase from its head noun and number,
    the words around it, an `of`-phrase or clause after it, an earlier mention
    and whether the head is a name (an earlier mention counts within its
    paragraph). Where the writer's choice is improbable
    and the model's choice probable (thresholds per kind of edit in
    `THRESHOLDS`; for a missing article by where the phrase stands, in
    `INSERT_CHANGE`: surest before `of`, then at a sentence's start, before
    another preposition and before a name, least sure after a preposition), the
    model's choice is suggested,
    and its probability is the finding's confidence. Headings (a line without
    final punctuation), names continued by capitalised words, `a hundred`,
    `a million`, imperatives, `by road`, coordinated nouns and compounds
    spaced around a hyphen are left alone; `the` is suggested away only before
    a name (`the Ukraine`), and `a` is made `the` only where the model is as
    sure (only the writer knows what the reader knows).
    """
    for place in article_places(subject.text):
        if not place.left:
            yield place.hit


@dataclass(frozen=True, slots=True)
class ArticlePlace:
    """A noun phrase whose article the model would choose otherwise than the writer.

    `hit` is the finding it makes (the model's probability as its confidence),
    `place` where it stands (a key of INSERT_CHANGE for a missing article, else
    its kind of edit: a key of THRESHOLDS) and `left` why it is not reported:
    empty when it is, else one of LEFT. bench/article_places.py counts them.
    """

    hit: Hit
    probs: tuple[float, ...]
    chosen: int
    best: int
    place: str
    left: str


LEFT = ("name or number", "markup", "bare by use", "common noun", "spaced compound",
        "threshold")


def article_places(text: str) -> Iterator[ArticlePlace]:
    """Every place of `text` where the article model prefers another choice, in order."""
    model = models.article_model()
    seen: set[str] = set()
    current = -1
    for toks, words, tags, paragraph in _sentences(text):
        if paragraph != current:
            # An earlier mention counts within its paragraph: moving paragraphs around
            # changes no finding, so baselines and decisions keep their fingerprints.
            seen, current = set(), paragraph
        yield from _places(toks, words, tags, model, seen)


def _places(toks: list[Token], words: list[str], tags: list[str], model: Linear,
            seen: set[str]) -> Iterator[ArticlePlace]:
    for p in phrases(words, tags):
        head = words[p.head].lower()
        probs = model.probabilities(articles.features(words, tags, p, head in seen))
        seen.add(head)
        chosen = articles.CLASSES.index(articles.label(words, p))
        best = max(range(3), key=probs.__getitem__)
        if best == chosen:
            continue
        kind = ("insert" if p.article < 0 else "remove" if best == 2
                else "swap to the" if best == 1 else "swap")
        keep, change = THRESHOLDS[kind]
        place = kind
        if kind == "insert":
            place = insert_place(words, tags, p, best)
            change = INSERT_CHANGE[place]
            if tags[p.head] == "NNS":  # a bare plural is often generic
                change = max(change, PLURAL_START_CHANGE if p.first == 0 else PLURAL_CHANGE)
            keep = START_KEEP if p.first == 0 else keep
        hit = _hit(toks, tags, p, articles.CLASSES[best], probs[best])
        yield ArticlePlace(replace(hit, confidence=probs[best], sub_id=head), tuple(probs),
                           chosen, best, place,
                           _left(toks, words, tags, p, kind) or (
                               "" if probs[chosen] < keep and probs[best] >= change
                               else "threshold"))


def _left(toks: list[Token], words: list[str], tags: list[str], p: Phrase, kind: str) -> str:
    """Why a phrase is left alone whatever the model says (a LEFT), or ""."""
    if _name_or_number(words, tags, p):
        return "name or number"
    if kind == "remove" and toks[p.first].start - toks[p.article].end != 1:
        return "markup"  # a removal may cut only the article and one space, never markup
    if kind == "insert" and _bare_by_use(words, tags, p):
        return "bare by use"
    if kind == "remove" and tags[p.head] not in ("NNP", "NNPS"):
        return "common noun"  # `the` before a common noun is a matter of meaning
    if p.head + 1 < len(words) and words[p.head + 1] == "-":
        return "spaced compound"  # `post - school`: the head is not the phrase's end
    return ""


def insert_place(words: list[str], tags: list[str], p: Phrase, best: int) -> str:
    """Where bare phrase `p` stands, as a key of INSERT_CHANGE."""
    after = tags[p.head + 1] if p.head + 1 < len(tags) else ""
    if best == 0:
        return "a"
    if p.first == 0:
        return "start"
    if tags[p.head] in ("NNP", "NNPS"):
        return "name"
    if words[p.head + 1:p.head + 2] == ["of"]:
        return "before of"
    if after in ("IN", "TO"):
        return "before preposition"
    if tags[p.first - 1] == "IN":
        return "after preposition"
    return "other"


def _bare_by_use(words: list[str], tags: list[str], p: Phrase) -> bool:
    """Where English leaves a noun bare by use, not by the noun.

    An imperative opening a sentence (`Press to continue`), an address or a
    fronted word before a comma (`Ambassador, dear friends`), a means after
    `by` (`by road`, `by air`), and a noun coordinated with another
    (`government and society`, either of the two).
    """
    if p.first == p.head == 0 and len(words) > 1 and tags[1] in _OBJECT_START:
        # `Share of exports rose` opens with its subject, not with an imperative
        return words[1].lower() != "of"
    if p.first == 0 and p.head + 1 < len(words) and words[p.head + 1] == ",":
        return True
    before = words[p.first - 1].lower() if p.first > 0 else ""
    after = words[p.head + 1].lower() if p.head + 1 < len(words) else ""
    return (before == "by" and p.first == p.head and tags[p.head] == "NN") or (
        before in _COORDINATORS or after in _COORDINATORS)


_COORDINATORS = frozenset({"and", "or", "nor"})


_OBJECT_START = frozenset({"DT", "PRP$", "PRP", "TO", "IN", "RB", "CD", "JJ"})


def _name_or_number(words: list[str], tags: list[str], p: Phrase) -> bool:
    """A phrase inside a name (`Bureau of National Statistics`), or `a million`."""
    if tags[p.first] == "CD":
        return True
    after = words[p.head + 1] if p.head + 1 < len(words) else ""
    if after[:1].isupper() or after in ("«", "“", '"'):
        return True  # `the Forum «Academic Mobility»`, a name that goes on
    if p.article < 0 and words[p.first][:1].isupper() and p.first >= 2:
        return words[p.first - 1] in ("of", "for", "and", "&") and words[p.first - 2][:1].isupper()
    return False


def _hit(toks: list[Token], tags: list[str], p: Phrase, best: str, prob: float) -> Hit:
    first = toks[p.first]
    percent = f"{prob:.0%}"
    if p.article < 0:
        word = first.word
        if tags[p.first] not in ("NNP", "NNPS") and not word.isupper() and p.first == 0:
            word = word[:1].lower() + word[1:]
        article = indefinite(word) if best == "a" else "the"
        text = _cased(article, first.word if p.first == 0 else "x") + " " + word
        return Hit(first.start, first.end,
                   f"A noun phrase here usually takes '{article}' ({percent} in native use).",
                   (text,))
    art = toks[p.article]
    if best == "0":
        word = first.word
        if p.article == 0 and tags[p.first] not in ("NNP", "NNPS"):
            word = _cased(word, art.word)
        return Hit(art.start, first.end,
                   f"No article here in native use ({percent}): '{art.word}' is not needed.",
                   (word,))
    article = indefinite(first.word) if best == "a" else "the"
    return Hit(art.start, art.end,
               f"'{article}' fits this noun phrase better ({percent} in native use).",
               (_cased(article, art.word),))


ARTICLE = Rule(
    id="TQA_ARTICLE",
    title="Article",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_article,
    scored=True,
    # rules that report an article in a fixed phrase or of a fixed form: their call stands
    yields=frozenset({"TQA_MISSING_THE_OF", "TQA_NAME_NEEDS_THE", "TQA_THE_WITH_NAME",
                      "TQA_NO_ARTICLE", "TQA_GERUND_OF", "TQA_A_LOT_OF_THE", "TQA_THE_BOTH",
                      "TQA_THE_NATURE", "EN_A_VS_AN", "A_UNCOUNTABLE", "A_NNS", "DT_DT",
                      "THE_SUPERLATIVE", "MISSING_DETERMINER"}),
)


def _prepositions(
    subject: Subject
) -> Iterator[tuple[list[Token], list[str], list[str], int]]:
    """Each preposition the models know (prepositions.CHOICES, tagged IN or TO) in the
    tagged sentences of `subject`: its sentence's tokens, words and tags, and its index."""
    for toks, words, tags, _ in _sentences(subject.text):
        for i, word in enumerate(words):
            if word.lower() in prepositions.CHOICES and tags[i] in ("IN", "TO"):
                yield toks, words, tags, i


# Our pattern rules that name a preposition calque and its fix: where one reports the same
# span, its call stands over the statistical preposition rules'.
PREPOSITION_PHRASES = frozenset({"TQA_PREPOSITION_CALQUE", "TQA_IN_THE_FRAMES_OF",
                                 "TQA_ON_THE_TERRITORY", "TQA_IN_RESULT_OF",
                                 "TQA_COMPARING_WITH", "TQA_SINCE_TO"})

# (keep, change) for prepositions, chosen on translationese-dev like THRESHOLDS.
PREPOSITION_THRESHOLDS = (0.05, 0.50)


def check_preposition(subject: Subject, options: Options) -> Iterator[Hit]:
    """A preposition a native writer would not use here: `attention on` → `attention to`.

    A statistical model of English (reviewer.usage.prepositions) predicts the
    preposition between a noun, verb or adjective and the noun phrase after
    it (about, at, by, for, from, in, into, of, on, over, to, with, within).
    Where the writer's preposition is improbable and another probable, the
    other is suggested, and its probability is the finding's confidence.
    """
    model = models.preposition_model()
    keep, change = PREPOSITION_THRESHOLDS
    for toks, words, tags, i in _prepositions(subject):
        word, low = words[i], words[i].lower()
        probs = model.probabilities(prepositions.features(words, tags, i))
        best = max(range(len(probs)), key=probs.__getitem__)
        chosen = prepositions.CHOICES.index(low)
        if best == chosen or probs[chosen] >= keep or probs[best] < change:
            continue
        other = _cased(prepositions.CHOICES[best], word)
        governor = prepositions.governor(words, tags, i)[0]
        yield Hit(toks[i].start, toks[i].end,
                  f"'{other}' is the usual preposition here ({probs[best]:.0%} in native use).",
                  (other,), confidence=probs[best], sub_id=f"{governor} {low}")


PREPOSITION = Rule(
    id="TQA_PREPOSITION",
    title="Preposition",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_preposition,
    scored=True,
    yields=PREPOSITION_PHRASES | {"TQA_GOVERNED_PREPOSITION"},
)


# The governor rule's thresholds, chosen on translationese-dev and REALEC's tuning half
# (docs/quality.md, "Prepositions after their governor"): the suggested preposition follows
# the governor at least GOVERNOR_RATIO times as often as the writer's in the Google Books
# counts and at least GOVERNOR_SHARE as often as the governor's most frequent preposition
# (`of` aside); the preposition model gives the writer's under GOVERNOR_KEEP and the
# suggested one at least GOVERNOR_CHANGE (the finding's confidence).
GOVERNOR_RATIO = 5.0
GOVERNOR_SHARE = 0.5
GOVERNOR_KEEP = 0.15
GOVERNOR_CHANGE = 0.30


def check_governed_preposition(subject: Subject, options: Options) -> Iterator[Hit]:
    """A preposition its governor does not take: `arrived to Minsk` → `arrived in Minsk`.

    Two kinds of native evidence must agree. The governor table
    (reviewer/data/governors.tsv.gz, derived by bench/derive_governors.py from
    Google Books Ngram word pairs) says how often each preposition follows a
    noun, verb or adjective form: the suggested preposition must follow the
    word before the writer's at least five times as often, and nearly as often
    as the word's most frequent preposition (`arrived in` is 8 times as common
    as `arrived to`, `shipped to` 18 times `shipped on`). The preposition model
    (reviewer.usage.prepositions) must find the writer's preposition
    improbable in its context and the suggested one probable; its probability
    is the finding's confidence.

    The governor is the common noun, verb or adjective (by the tagger) right
    before the preposition. Left alone: `to` before a verb (an infinitive), a
    time phrase after the preposition (`arrived on Monday`, `in 2019`), `of`
    and `with` (the genitive any noun takes; company), `about`, `by`, `from`
    and `over` after a noun or participle (topic, agent, origin, span: `data
    about`, `a speech by`, `people from`), `at` and `in` unless a number
    follows (a place: `wait at the border`), `from ... to` (a range) and
    `about` before a number. `by` is suggested after a participle only before
    a number (`increased by 35 percent`; elsewhere it would name the passive's
    agent). On by default: on translationese-dev its 3 findings are right, and
    on REALEC none is in a clean sentence (docs/quality.md, "Prepositions after
    their governor").
    """
    model = models.preposition_model()
    table = models.governor_table()
    for toks, words, tags, i in _prepositions(subject):
        word, low = words[i], words[i].lower()
        governor = governors.governed(words, tags, i)
        if governor is None or governor not in table.counts:
            continue
        if governors.adjunct(words, tags, i):
            continue
        probs = model.probabilities(prepositions.features(words, tags, i))
        best = max(range(len(probs)), key=probs.__getitem__)
        other = prepositions.CHOICES[best]
        if other == "of" or other == low or not governors.fits(words, tags, i, other):
            continue  # `of` is the genitive, no governor's choice
        if probs[prepositions.CHOICES.index(low)] >= GOVERNOR_KEEP:
            continue
        if probs[best] < GOVERNOR_CHANGE or table.ratio(governor, low, other) < GOVERNOR_RATIO:
            continue
        if table.dominance(governor, other) < GOVERNOR_SHARE:
            continue
        suggested = _cased(other, word)
        yield Hit(toks[i].start, toks[i].end,
                  f"'{other}' is the usual preposition after '{governor}' "
                  f"({table.ratio(governor, low, other):.0f} times as common as "
                  f"'{governor} {low}' in native use).",
                  (suggested,), confidence=probs[best], sub_id=f"{governor} {low}")


GOVERNED_PREPOSITION = Rule(
    id="TQA_GOVERNED_PREPOSITION",
    title="Preposition after its governor",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_governed_preposition,
    scored=True,
    yields=PREPOSITION_PHRASES | {"TQA_CHANGE_BY_PERCENT", "DEPEND_ON"},
)


def check_collocation(subject: Subject, options: Options) -> Iterator[Hit]:
    """A calque of a native collocation: `peace population` → `civilian population`.

    An adjective or noun before a noun (or a verb before its object) that
    native English does not put there, where a related word (a WordNet
    synonym, similar adjective, derivational neighbour or co-antonym; for a
    verb, a synonym) makes a common collocation with the same noun:
    `do mistakes` → `make mistakes`.
    The pairs come from reviewer/data/collocations.tsv.gz, derived by
    bench/derive_calques.py from Google Books Ngram word pairs: the pair is
    missing from the list although it would be seen at least four times the
    list's floor if it were as native as the collocation. The confidence says
    how sure that silence is. Off by default: on translationese-dev it finds
    none of the 46 calques and lexical errors, and on REALEC 7 of its 15
    findings are on an annotated token (docs/quality.md, "Calques from
    collocation statistics").
    """
    table = models.collocation_table()
    for toks, words, tags, _ in _sentences(subject.text):
        for found in collocations.calques(words, tags, table):
            first, second = toks[found.index], toks[found.index + 1]
            if second.start - first.end != 1:
                continue  # the replacement spans exactly two words and one space
            calque = f"{first.word} {second.word}"
            yield Hit(first.start, second.end,
                      f"Native English says '{found.native}', not '{calque}'.",
                      (_cased(found.native, first.word),), confidence=found.confidence,
                      sub_id=calque.lower())


COLLOCATION = Rule(
    id="TQA_UNUSUAL_COLLOCATION",
    title="Calque of a collocation",
    category="STYLE",
    severity=Severity.MINOR,
    issue_type="style",
    check=check_collocation,
    scored=True,
    # the phrase rules name their calque and its fix: their call stands
    yields=frozenset({"TQA_WORD_CALQUE", "TQA_COLLOCATION_CALQUE"}),
)
