"""The fuzz suite (issues 13 and 20), fast profile: every property on a few dozen examples.

The long run is `bench/fuzz.py --examples 10000` (same properties, testkit/fuzzing.py and
testkit/fuzzing_hostile.py). Review files of 10^5 suggestions are the slow suite's.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from testkit import fuzzing, fuzzing_hostile

FAST = settings(max_examples=40, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@FAST
@given(fuzzing.document_cases())
def test_apply_changes_exactly_the_applied_spans_and_no_protected_span(
    case: fuzzing.DocumentCase,
) -> None:
    fuzzing.prop_apply_changes_exactly_the_applied_spans(case)


@FAST
@given(fuzzing.mutated_reviews(), st.sampled_from(["list", "apply", "decide", "accept-all"]))
def test_a_mutated_review_file_is_used_or_refused_in_one_line(text: str, command: str) -> None:
    fuzzing.prop_a_mutated_review_file_is_used_or_refused_in_one_line(text, command)


@FAST
@given(fuzzing.decision_imports())
def test_a_decisions_import_is_taken_whole_or_refused_in_one_line(text: str) -> None:
    fuzzing.prop_a_decisions_import_is_taken_whole_or_refused_in_one_line(text)


@FAST
@given(fuzzing.config_files())
def test_a_configuration_file_is_used_or_refused_in_one_line(case: tuple[str, str]) -> None:
    fuzzing.prop_a_configuration_file_is_used_or_refused_in_one_line(case)


@FAST
@given(fuzzing_hostile.output_cases())
def test_an_output_never_lands_outside_nor_replaces_a_special_file(
    case: fuzzing_hostile.OutputCase,
) -> None:
    fuzzing_hostile.prop_an_output_never_lands_outside_nor_replaces_a_special_file(case)


@FAST
@given(fuzzing_hostile.long_token_cases())
def test_a_document_with_a_long_adversarial_token_is_applied_exactly(
    case: fuzzing.DocumentCase,
) -> None:
    fuzzing.prop_apply_changes_exactly_the_applied_spans(case)


@FAST
@given(fuzzing_hostile.deeply_nested_reviews(), st.sampled_from(fuzzing_hostile.COMMANDS))
def test_a_deeply_nested_review_file_is_refused_in_one_line(
    case: fuzzing_hostile.ReviewCase, command: str
) -> None:
    fuzzing_hostile.prop_a_hostile_review_file_is_used_or_refused_in_one_line(case, command)


@settings(max_examples=8, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fuzzing_hostile.many_suggestion_reviews(2_000), st.sampled_from(fuzzing_hostile.COMMANDS))
def test_a_review_file_with_thousands_of_suggestions_is_used_or_refused_in_one_line(
    case: fuzzing_hostile.ReviewCase, command: str
) -> None:
    fuzzing_hostile.prop_a_hostile_review_file_is_used_or_refused_in_one_line(case, command)


@pytest.mark.slow
@settings(max_examples=3, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fuzzing_hostile.many_suggestion_reviews(100_000),
       st.sampled_from(fuzzing_hostile.COMMANDS))
def test_a_review_file_with_a_hundred_thousand_suggestions(
    case: fuzzing_hostile.ReviewCase, command: str
) -> None:
    fuzzing_hostile.prop_a_hostile_review_file_is_used_or_refused_in_one_line(case, command)
