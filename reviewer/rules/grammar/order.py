"""Word order: a verb before its subject, an adverb before the auxiliary or the
infinitive, `Also` first, `, what` and `, that` for `, which`."""

from __future__ import annotations

from collections.abc import Iterator

from reviewer.model import Severity
from reviewer.rules.base import Hit, Options, Rule, Subject
from reviewer.rules.grammar.tagged import (
    AUXILIARY,
    BE,
    FINITE,
    NOUN,
    VERB,
    Tagged,
    is_year,
    tagged_sentences,
)

# --- a verb before its subject ---------------------------------------------------------

# What may open a clause before an inverted verb: a preposition or a time adverb; then
# its objects. A verb, a pronoun or `that` before the verb means a subject came first.
_OPENERS = frozenset({"IN", "RB"})
_PREFIX = frozenset({"IN", "DT", "JJ", "JJR", "JJS", "CD", "NN", "NNS", "NNP", "NNPS", "PRP$",
                     "POS", "RB", "CC", "HYPH", "``", "''", "-LRB-", "-RRB-"})
# What may start the noun phrase after the verb: the subject that should have come first.
_SUBJECT_START = frozenset({"CD", "DT", "JJ", "JJR", "NN", "NNS", "NNP", "NNPS", "$", "PRP$"})
# After a passive participle, only what cannot be the participle's own noun: a number, a
# determiner, a name, `more than`.
_PASSIVE_SUBJECT_START = frozenset({"CD", "DT", "NNP", "NNPS", "$", "PRP$", "JJR"})
_NOT_SUBJECT = frozenset({"by", "to", "in", "on", "at", "for", "with", "as", "it", "there"})
# Time adverbs the tagger reads as nouns (`Today`): they open a clause as `In 2019` does.
_TIME_OPENERS = frozenset({"today", "now", "nowadays", "currently", "presently", "yesterday"})


def _opened_by_phrase(s: Tagged, verb: int) -> bool:
    """True when the clause before `verb` is prepositional phrases and time adverbs only."""
    if verb == 0:
        return False
    if s.words[verb - 1] in ("where", "when") and s.tags[verb - 1] == "WRB":
        return True  # `the school where studied many writers`
    if s.tags[0] not in _OPENERS and s.words[0] not in _TIME_OPENERS:
        return False
    if s.words[0] in ("that", "if", "because", "as", "so"):
        return False
    prefix = s.tags[:verb]
    if not all(t in _PREFIX or _noun_read_as_verb(s, k) for k, t in enumerate(prefix)):
        return False
    if "IN" not in prefix or "," in prefix:
        return False  # after a comma the opening phrase is over: `In 2013, Oklahoma was named`
    # a year closes its phrase: a noun right after it is the subject (`In 2000 people got`)
    return not any(is_year(s.words[k]) and s.tags[k + 1] in (*NOUN, "DT") for k in range(verb - 1))


def _noun_read_as_verb(s: Tagged, k: int) -> bool:
    """True when token `k`, inside the opening prepositional phrase, is a present verb
    between a noun and a preposition: a noun of a compound the tagger misread (`at
    the customs post on the border`). A verb of its own there would make a clause
    before the inverted verb, which the rest of the prefix (no `that`, no comma,
    nothing but phrases) does not allow for."""
    return (s.tags[k] in ("VB", "VBP") and 0 < k < len(s.tags) - 1
            and s.tags[k - 1] in ("NN", "NNS", "NNP") and s.tags[k + 1] == "IN")


def _numbered_subject_to_end(s: Tagged, first: int) -> bool:
    """True when the clause from `first` to its end is a counted plural noun phrase:
    `312 companies.`, `more than 40 schools,`."""
    n, k = len(s.words), first
    if s.words[k:k + 2] == ("more", "than") or s.words[k:k + 2] == ("over", "than"):
        k += 2
    elif s.words[k] in ("over", "about", "almost", "nearly"):
        k += 1
    if k >= n or s.tags[k] != "CD":
        return False
    k += 1
    while k < n and s.tags[k] in ("CD", "JJ", "NN"):
        k += 1
    return k < n - 1 and s.tags[k] == "NNS" and s.words[k + 1] in (".", ";", ",", "!")


_SUCH = frozenset({"such", "this", "that"})


def _object_first(s: Tagged, verb: int) -> bool:
    """True when a clause opened by a time or place puts a singular object before a
    plural verb whose subject is a number of things after it: `Today such status
    have 312 companies`. The verb agrees with the plural after it, not with the
    singular before it, so the order is the Russian one. The object must open
    with `such` or `this`: `Today the team have 12 players` (a British
    collective) is left alone."""
    if s.tags[verb] != "VBP" or s.words[verb] in BE or s.tags[verb - 1] != "NN":
        return False
    start = verb - 1  # the object: `such` or `this`, adjectives, nouns
    while start > 1 and s.tags[start - 1] in ("JJ", "NN") and s.words[start - 1] not in _SUCH:
        start -= 1
    if start > 1 and s.words[start - 1] in _SUCH:
        start -= 1
    if s.words[start] not in _SUCH:
        return False  # `Today the team have`: no `such` or `this`, perhaps a subject
    opened = s.words[0] in _TIME_OPENERS or s.tags[0] == "IN"
    return (opened and all(t in _PREFIX for t in s.tags[:start]) and "," not in s.tags[:verb]
            and _numbered_subject_to_end(s, verb + 1))


def _after_object(s: Tagged, verb: int) -> bool:
    """True when the word before an active verb closes a prepositional phrase for sure:
    a name or year after `of` or `in` (`along the valley of Fergana run`, `in
    2019 studied`), or the verb follows `where`. A noun after another (`for those
    decisions people need`) may be the subject itself."""
    if verb < 2:
        return False
    if s.words[verb - 1] == "where":
        return True
    return s.tags[verb - 1] in ("NNP", "CD") and s.words[verb - 2] in ("of", "in")


def check_verb_before_subject(subject: Subject, options: Options) -> Iterator[Hit]:
    """A verb before its subject after an opening phrase: `In 2017 were built 40 new
    schools` → `In 2017, 40 new schools were built`.

    Russian opens a clause with the time or place and puts the subject after the
    verb; English keeps the subject first. Reported where a clause opens with
    prepositional phrases (or after `where`), then has a passive verb (`was`,
    `were` + participle) or a present or past verb, and then a noun phrase that
    is not a prepositional object: `Under the agreement were delivered three
    hundred tractors`, `Along the valley of Fergana run two railway lines`, `the
    school where studied many writers`. An active verb counts only after a name
    or a year that closes the phrase, or after `where`. Also reported: the object
    first, `such` or `this` + a singular noun, then a plural verb and a counted
    plural subject that ends the clause (`Today such status have 312
    companies`), where the verb agrees with what follows it. Questions are left
    alone, and so are `there` and `it`.
    """
    for s in tagged_sentences(subject.text):
        if s.words[-1] == "?":
            continue
        n = len(s.words)
        for i in range(1, n - 1):
            word, tag = s.words[i], s.tags[i]
            if word in BE and s.tags[i + 1] == "VBN":
                after = i + 2  # `were built 40 schools`
                if after < n and s.tags[after] not in _PASSIVE_SUBJECT_START:
                    continue  # `In the halls are embroidered panels`: a participle as adjective
            elif (tag in ("VBP", "VBD", "VB") or (tag in ("JJ", "VBN") and word.endswith("ed")
                                                   and s.words[i - 1] == "where")) and (
                    word not in AUXILIARY and _after_object(s, i)):
                after = i + 1  # `of Fergana run two lines`
            elif _object_first(s, i):
                start, end = s.span(i, i + 1)
                yield Hit(start, end,
                          "The subject comes after the verb here: English puts it before "
                          "the verb and the object after it.", sub_id=word)
                break
            else:
                continue
            if after >= n or s.tags[after] not in _SUBJECT_START or s.words[after] in _NOT_SUBJECT:
                continue
            if not _opened_by_phrase(s, i):
                continue
            start, end = s.span(i, after)
            yield Hit(start, end,
                      "The subject comes after the verb here: English puts it before "
                      "the verb.", sub_id=word)
            break


VERB_BEFORE_SUBJECT = Rule(
    id="TQA_VERB_BEFORE_SUBJECT",
    title="Verb before its subject",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_verb_before_subject,
)


# --- an adverb before the auxiliary ----------------------------------------------------

# Adverbs that comment on the whole sentence may stand before the auxiliary
# (`it really is working`, `it certainly has been`); these do not count.
_SENTENCE_ADVERBS = frozenset({
    "really", "actually", "certainly", "definitely", "clearly", "probably", "obviously",
    "surely", "truly", "apparently", "evidently", "possibly", "undoubtedly", "presumably",
    "reportedly", "supposedly", "allegedly", "usually", "generally", "typically", "normally",
    "naturally", "merely", "simply", "only", "finally", "eventually", "hardly", "rarely",
    "seldom", "scarcely", "barely", "increasingly", "largely", "mostly", "likely",
})


def check_adverb_before_auxiliary(subject: Subject, options: Options) -> Iterator[Hit]:
    """An adverb between the subject and the auxiliary: `The company successfully has
    completed` → `The company has successfully completed`.

    English puts a mid-position adverb after the first auxiliary. Reported for a
    manner adverb in -ly or `already` between a noun or pronoun and `is`, `are`,
    `was`, `were`, `has`, `have` or `had` followed by a participle. Adverbs
    that comment on the whole sentence (`really`, `certainly`, `usually`) may
    stand first and are left alone.
    """
    for s in tagged_sentences(subject.text):
        for i in range(1, len(s.words) - 2):
            adverb = s.words[i]
            if s.tags[i] != "RB" or not (adverb.endswith("ly") or adverb == "already"):
                continue
            if adverb in _SENTENCE_ADVERBS or s.tags[i - 1] not in (*NOUN, "PRP"):
                continue
            aux = s.words[i + 1]
            if aux not in AUXILIARY or s.tags[i + 2] not in ("VBG", "VBN"):
                continue
            if aux in BE and s.tags[i + 2] == "VBN" and adverb != "already":
                continue  # `is widely used`: a passive's adverb may come first
            tok_a, tok_v = s.toks[i], s.toks[i + 1]
            yield Hit(tok_a.start, tok_v.end,
                      f"Put '{tok_a.word}' after '{tok_v.word}': English puts the adverb "
                      "after the first auxiliary.",
                      (f"{tok_v.word} {tok_a.word}",), sub_id=adverb)


ADVERB_BEFORE_AUXILIARY = Rule(
    id="TQA_ADVERB_BEFORE_AUXILIARY",
    title="Adverb before the auxiliary",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_adverb_before_auxiliary,
)


# --- `Also` first ----------------------------------------------------------------------

def check_also_first(subject: Subject, options: Options) -> Iterator[Hit]:
    """`Also` opening a sentence before its subject: `Also we plan` → `We also plan`.

    Russian `Также мы планируем` keeps `also` first; English puts it before
    the verb, or after the first auxiliary (`Also I would like` → `I would also
    like`). Reported for `Also` without a comma before a pronoun or noun
    subject and its verb. LanguageTool's advice for a comma after a sentence's
    first adverb gives way to this one on the same words.
    """
    for s in tagged_sentences(subject.text):
        if len(s.words) < 4 or s.words[0] != "also":
            continue
        if s.tags[1] not in ("PRP", "NNP", "NNS", "NN") or s.tags[2] not in FINITE:
            continue
        subj = s.toks[1].word
        if s.tags[1] != "NNP" and subj != "I":
            subj = subj[:1].upper() + subj[1:]
        aux = s.tags[2] == "MD" or s.words[2] in AUXILIARY
        last = 2 if aux else 1
        replacement = f"{subj} {s.toks[2].word} also" if aux else f"{subj} also"
        start, end = s.span(0, last)
        yield Hit(start, end,
                  "Put 'also' after the subject"
                  + (" and the first auxiliary." if aux else ", before the verb."),
                  (replacement,), sub_id=s.words[1])


ALSO_FIRST = Rule(
    id="TQA_ALSO_FIRST",
    title="'Also' before the subject",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_also_first,
    overlaps=frozenset({"SENT_START_CONJUNCTIVE_LINKING_ADVERB_COMMA"}),
)


# --- `, what` for `, which` ------------------------------------------------------------

def check_what_for_which(subject: Subject, options: Options) -> Iterator[Hit]:
    """`what` opening a clause about the clause before it: `prices rose by 5 %, what is
    more than planned` → `which is`.

    Russian `что` after a comma refers to the whole clause before it; English
    takes `which`. Reported for `, what` directly followed by a verb (`, what
    allows`, `, what is confirmed`); `what is more`, `what's more` and
    questions are left alone, and so is `what` followed by its own subject
    (`, what we need is`) or after an opening word with no clause to refer to
    (`Overall, what stands out is`).
    """
    for s in tagged_sentences(subject.text):
        if s.words[-1] == "?":
            continue
        for i in range(1, len(s.words) - 2):
            if s.words[i] != "what" or s.words[i - 1] != ",":
                continue
            if s.tags[i + 1] not in ("VBZ", "VBD") or s.words[i + 2] in ("more", "worse"):
                continue
            if not any(t in VERB for t in s.tags[:i]):
                continue  # `Overall, what stands out is`: no clause before to refer to
            tok = s.toks[i]
            yield Hit(tok.start, tok.end,
                      "A clause about the whole clause before it opens with 'which'.",
                      ("which",), sub_id=s.words[i + 1])


WHAT_FOR_WHICH = Rule(
    id="TQA_WHAT_FOR_WHICH",
    title="', what' for ', which'",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_what_for_which,
)


# --- an adverb between `want` and its infinitive ---------------------------------------

_WANTING = frozenset({"want", "wants", "wanted", "like", "wish", "wishes", "wished"})
# Adverbs that Russian puts after `хочу` (хочу также / лично / искренне поблагодарить)
# and English puts before the verb of wanting; `again`, `now` and `first` are left out,
# since `I want now to turn to` is a speaker's English too.
_WANTING_ADVERBS = frozenset({
    "also", "personally", "sincerely", "especially", "particularly", "specially",
    "separately", "additionally", "cordially", "heartily", "wholeheartedly",
})


def check_adverb_before_infinitive(subject: Subject, options: Options) -> Iterator[Hit]:
    """An adverb between a verb of wanting and its infinitive: `I want personally to
    thank` → `I personally want to thank`, `I would like also to note` → `I would
    also like to note`.

    Russian puts the adverb after `хочу` (`хочу также поблагодарить`); English
    puts it before the verb of wanting, after the first auxiliary. Reported for
    `want`, `like` or `wish` (as a verb), then `also`, `personally`,
    `sincerely`, `especially` or a few more adverbs of that kind, then `to` and
    a verb. `I want now to turn to`, `try again to`, and the adverb after the
    infinitive's `to` (`like to also note`, LanguageTool's own matter) are left
    alone.
    """
    for s in tagged_sentences(subject.text):
        for i in range(1, len(s.words) - 3):
            if s.words[i] not in _WANTING or s.tags[i] not in VERB:
                continue
            if s.words[i + 1] not in _WANTING_ADVERBS or s.words[i + 2] != "to":
                continue
            if s.tags[i + 3] != "VB":
                continue
            tok_v, tok_a = s.toks[i], s.toks[i + 1]
            yield Hit(tok_v.start, tok_a.end,
                      f"Put '{tok_a.word}' before '{tok_v.word}': English puts the adverb "
                      "before the verb of wanting, not before its infinitive.",
                      (f"{tok_a.word} {tok_v.word}",), sub_id=s.words[i + 1])


ADVERB_BEFORE_INFINITIVE = Rule(
    id="TQA_ADVERB_BEFORE_INFINITIVE",
    title="Adverb between 'want' and its infinitive",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_adverb_before_infinitive,
)


# --- `, that` for `, which` ------------------------------------------------------------

# `that is,` (= i.e.), `that is why`, `that is to say`: not a relative clause.
_NOT_RELATIVE_AFTER_IS = frozenset({",", "why", "to", "because", "how", "what", "when", "where"})


def check_that_for_which(subject: Subject, options: Options) -> Iterator[Hit]:
    """`that` opening a relative clause after a comma: `the new terminal, that was
    opened in 2019, handles` → `which was opened`.

    Russian opens every relative clause with `который` after a comma; English
    takes `which` (or `who`) in a clause set off by commas, and `that` only in
    one without them. Reported where a noun stands before the comma and `that`
    is the clause's subject: a finite verb or a modal follows it, perhaps after
    an adverb or two (`, that was opened`, `, that can carry`, `, that not only
    suits`). A that-clause completing a noun or adjective (`the fact, that we`,
    `so big, that it`), where the comma itself is the error, is left to
    TQA_COMMA_BEFORE_THAT; `, that is,`, `, that is why`, `, that's why` and
    `, that is to say` are left alone.
    """
    for s in tagged_sentences(subject.text):
        n = len(s.words)
        for i in range(2, n - 2):
            if s.words[i] != "that" or s.words[i - 1] != "," or s.tags[i - 2] not in NOUN:
                continue
            verb = i + 1
            while verb < min(n - 1, i + 3) and s.tags[verb] == "RB":
                verb += 1  # `, that not only suits`
            if s.tags[verb] not in FINITE or s.words[verb] in _TIME_OPENERS:
                continue  # `, that nowadays such actions`: an adverb the tagger misread
            if s.words[verb] in ("'s", "’s"):
                continue  # `, that's why`, `, that's how it is`
            if s.words[verb] in BE and s.words[verb + 1] in _NOT_RELATIVE_AFTER_IS:
                continue
            tok = s.toks[i]
            yield Hit(tok.start, tok.end,
                      "A relative clause set off by a comma opens with 'which' (or 'who'), "
                      "not 'that'.",
                      ("which",), sub_id=s.words[verb])


THAT_FOR_WHICH = Rule(
    id="TQA_THAT_FOR_WHICH",
    title="', that' for ', which'",
    category="GRAMMAR",
    severity=Severity.MINOR,
    issue_type="grammar",
    check=check_that_for_which,
    yields=frozenset({"TQA_COMMA_BEFORE_THAT"}),
)
