"""The JSON Schemas under docs/schemas/: current with the records, and true of real output."""

from __future__ import annotations

import json
import tomllib
from typing import Any

import jsonschema
import pytest

from reviewer.codec import encode
from reviewer.config import SCHEMA
from reviewer.formats.json_format import to_data
from reviewer.review.record import dumps
from reviewer.schemas import FOLDER, SCHEMAS, text
from tests.conftest import ROOT
from tests.formats_fixture import decided_review, decisions_context, fixture_report


def schema(name: str) -> Any:
    return json.loads((FOLDER / name).read_text(encoding="utf-8"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema(name))
    return jsonschema.Draft202012Validator(schema(name))


@pytest.mark.parametrize("name", SCHEMAS)
def test_the_checked_in_schema_is_the_one_the_records_give(name: str) -> None:
    assert (FOLDER / name).read_text(encoding="utf-8") == text(name), (
        f"docs/schemas/{name} is stale: run python scripts/schemas.py")


def test_json_reports_fit_the_report_schema() -> None:
    check = validator("report.schema.json")
    plain = json.loads(encode(to_data(fixture_report())))
    check.validate(plain)
    report, ctx = decisions_context(baseline="baseline.json")
    decided = json.loads(encode(to_data(report, ctx)))
    check.validate(decided)
    assert {"suppressed", "review_files", "baseline"} <= set(decided)
    plain["findings"][0]["severity"] = "fatal"
    assert not check.is_valid(plain)
    plain["findings"][0]["severity"] = "major"
    plain["surprise"] = 1  # a key the schema does not know is an error: new keys update it
    assert not check.is_valid(plain)


def test_review_files_fit_the_review_file_schema() -> None:
    check = validator("review-file.schema.json")
    stored = json.loads(dumps(decided_review()))
    check.validate(stored)
    stored["suggestions"][0]["status"] = "maybe"
    assert not check.is_valid(stored)


def test_the_shipped_defaults_and_every_key_fit_the_configuration_schema() -> None:
    check = validator("config.schema.json")
    defaults = tomllib.loads((ROOT / "reviewer" / "data" / "defaults.toml").read_text("utf-8"))
    check.validate(defaults)
    props = schema("config.schema.json")["properties"]
    assert {k.name.split(".")[0] for k in SCHEMA} == set(props)
    assert not check.is_valid({"fail_on": "sometimes"})
    assert not check.is_valid({"langauge": "en-GB"})
    assert not check.is_valid({"severity": {"rules": {"EN_A_VS_AN": "fatal"}}})


def test_the_configuration_example_in_docs_names_the_schema_and_fits_it() -> None:
    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    block = text.split("```toml\n", 1)[1].split("```", 1)[0]
    first = block.splitlines()[0]
    assert first.startswith("#:schema ")
    assert (ROOT / first.removeprefix("#:schema ").strip()).resolve() == (
        FOLDER / "config.schema.json")
    validator("config.schema.json").validate(tomllib.loads(block))
