"""The document's own variant: British or American, -ise or -ize, from a shipped table."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import fields

from reviewer.checker import CheckOptions
from reviewer.lt.client import LTSettings
from reviewer.rules.run import RuleConfig
from reviewer.rules.variants import (
    OWN_VARIANT,
    OXFORD_RULE,
    counterpart,
    document_variant,
    refuted,
    variants,
)
from reviewer.settings import Settings, resolve


def test_pairs_come_from_the_shipped_table_without_wordfreq() -> None:
    code = ("import sys; from reviewer.rules.variants import variants;"
            "v = variants('The colour of the centre was organised.');"
            "print(len(v.british), 'wordfreq' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["3", "False"]


def test_a_word_of_both_variants_has_no_counterpart() -> None:
    assert counterpart("Colour") == ("GB", "Color")
    assert counterpart("organized") is None  # Oxford spelling is British too
    assert counterpart("acre") is None and counterpart("exercise") is None


def test_a_text_that_spells_ise_throughout_is_not_asked_for_ize() -> None:
    text = "We organised the visit and are modernising the fleet; the report was finalised."
    assert variants(text).spells_ise
    assert refuted(text, "en-GB") == {OXFORD_RULE}
    assert refuted(text, "en-US") == frozenset()


def test_an_oxford_text_keeps_the_oxford_rule() -> None:
    text = "We organized the visit, realized the plan and organised one meeting."
    assert not variants(text).spells_ise
    assert refuted(text, "en-GB") == frozenset()


def test_program_does_not_outvote_the_british_forms_of_a_text() -> None:
    text = "The program, the program and the program of the centre."
    assert variants(text).majority == "en-GB"
    assert variants("The program and the color of the centre.").majority == "en-US"


def test_a_document_is_checked_in_its_own_variant_only_when_the_language_is_en() -> None:
    british = "The colour of the centre was organised."
    assert document_variant("en", british) == "en-GB"
    assert document_variant("en", "The color of the center.") == "en-US"
    assert document_variant("en-US", british) == "en-US"  # a variant given is kept
    assert document_variant("en") == "en-US"  # no document (the rules listed): undecided


def test_every_default_of_the_language_is_the_shipped_one() -> None:
    # A Settings, a request or a check built without the configuration checks as shipped.
    shipped = resolve().language
    assert shipped == OWN_VARIANT
    assert Settings().language == LTSettings().language == CheckOptions().languagetool.language \
        == shipped
    assert "language" not in {f.name for f in fields(RuleConfig)}  # each document's, when run
