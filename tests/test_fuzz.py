"""The fuzz suite (issue 13), fast profile: every property on a few dozen examples.

The long run is `bench/fuzz.py --examples 10000` (same properties, tests/fuzzing.py).
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import fuzzing

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
