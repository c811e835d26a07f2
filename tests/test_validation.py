"""The intake record's contract checks (section 1)."""
import json

import pytest

from screening.triage.validation import InvalidRecord, parse_json, problems, validate
from tests.bad_records import BAD, GOOD_EDGES, NOT_OBJECTS, REVISION_5_REFUSED
from tests.helpers import valid_record


@pytest.mark.parametrize("name,record,field", BAD, ids=[b[0] for b in BAD])
def test_each_violation_names_its_field(name, record, field):
    with pytest.raises(InvalidRecord) as raised:
        validate(record)
    assert [p.field for p in raised.value.problems] == [field]
    assert raised.value.problems[0].message


@pytest.mark.parametrize("name,record,field", REVISION_5_REFUSED, ids=[b[0] for b in REVISION_5_REFUSED])
def test_revision_5_red_flags_are_required_and_never_null(name, record, field):
    with pytest.raises(InvalidRecord) as raised:
        validate(record)
    assert [p.field for p in raised.value.problems] == [field]
    assert raised.value.problems[0].message == ("is required" if name.startswith("missing") else
                                                "must not be null (leave an optional field out instead)")


def test_revision_4_record_without_the_new_red_flags_names_both():
    record = valid_record()
    del record["fainted"], record["pregnancy_warning_signs"]
    assert [p.field for p in problems(record)] == ["fainted", "pregnancy_warning_signs"]


@pytest.mark.parametrize("name,body", NOT_OBJECTS)
def test_a_body_that_is_not_an_object_is_reported_under_record(name, body):
    with pytest.raises(InvalidRecord) as raised:
        parse_json(body)
    assert [p.field for p in raised.value.problems] == ["_record"]


@pytest.mark.parametrize("name,record", GOOD_EDGES)
def test_edges_that_are_allowed(name, record):
    assert validate(record)["language"] == record.get("language", "en")


def test_every_problem_is_reported_once_per_field():
    record = valid_record(age_years="x", sides="up", locations=[], extra=1)
    del record["trend"]
    found = problems(record)
    assert sorted(p.field for p in found) == ["age_years", "extra", "locations", "sides", "trend"]


def test_huge_integer_literal_is_bad_json_not_a_crash():
    body = json.dumps(valid_record())[:-1] + ', "pain_score": ' + "9" * 5000 + "}"
    with pytest.raises(InvalidRecord):
        parse_json(body)


def test_validate_does_not_change_the_callers_record():
    record = valid_record()
    validate(record)
    assert "language" not in record
