"""Grammar that translation from Russian leaves behind, as patterns over Penn tags.

Each rule reads the sentences of a text tagged once by the shipped tagger
(reviewer.usage.tagger), for them and the article and preposition rules alike
(`tagged.tagged_sentences`): a plural of a noun English keeps singular, a
verb before its subject, an adverb before the auxiliary or between `want` and
its infinitive, `Also` before the subject, `, what` and `, that` for `, which`,
a present perfect with a finished time, a present with `since`, and a verb
that does not agree with its subject's head.
They are patterns of Russian speakers' English, not phrases of one text:
each was measured on translationese-dev and on the learner essays of REALEC
(docs/quality.md, "Grammar, agreement and word order"). A heading (a line
without final punctuation) is left alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from reviewer.rules.base import Rule
from reviewer.rules.grammar.agreement import AGREEMENT
from reviewer.rules.grammar.countable import UNCOUNTABLE_PLURAL
from reviewer.rules.grammar.order import (
    ADVERB_BEFORE_AUXILIARY,
    ADVERB_BEFORE_INFINITIVE,
    ALSO_FIRST,
    THAT_FOR_WHICH,
    VERB_BEFORE_SUBJECT,
    WHAT_FOR_WHICH,
)
from reviewer.rules.grammar.tense import PERFECT_WITH_PAST_TIME, SINCE_WITH_PRESENT

RULES: Sequence[Rule] = (UNCOUNTABLE_PLURAL, VERB_BEFORE_SUBJECT, ADVERB_BEFORE_AUXILIARY,
                         ADVERB_BEFORE_INFINITIVE, ALSO_FIRST, WHAT_FOR_WHICH, THAT_FOR_WHICH,
                         PERFECT_WITH_PAST_TIME, SINCE_WITH_PRESENT, AGREEMENT)
