"""POST <prefix>/api/v1/triage (contract section 4)."""
import json

import pytest

from screening.triage.rules import RULES_VERSION
from tests.bad_records import BAD, NOT_OBJECTS, REVISION_5_REFUSED
from tests.helpers import VIGNETTES, VIGNETTE_IDS, case_count, valid_record

# The API decides without storing: one database is enough.
pytestmark = pytest.mark.sqlite_only


@pytest.mark.parametrize("case", VIGNETTES, ids=VIGNETTE_IDS)
def test_public_vignette_through_the_api(client, case):
    response = client.post("/api/v1/triage", json=case["record"])
    assert response.status_code == 200
    body = response.get_json()
    expected = case["expected"]
    assert body["disposition"] == expected["disposition"]
    assert body["emergency"] is expected["emergency"]
    assert [r["id"] for r in body["rules"]] == expected["rules_in_order"]
    assert body["rules_version"] == RULES_VERSION
    for rule in body["rules"]:
        assert set(rule) == {"id", "tier", "clinician_reason", "patient_reason"}


def test_patient_reasons_follow_the_record_language(client):
    english = client.post("/api/v1/triage", json=valid_record(trend="worse")).get_json()
    spanish = client.post("/api/v1/triage", json=valid_record(trend="worse", language="es")).get_json()
    assert english["rules"][0]["patient_reason"] != spanish["rules"][0]["patient_reason"]
    assert "empeorando" in spanish["rules"][0]["patient_reason"]


@pytest.mark.parametrize("name,record,field", BAD, ids=[b[0] for b in BAD])
def test_bad_record_answers_400_naming_the_field(client, name, record, field):
    response = client.post("/api/v1/triage", data=json.dumps(record), content_type="application/json")
    assert response.status_code == 400
    body = response.get_json()
    assert set(body) == {"errors"}
    assert [e["field"] for e in body["errors"]] == [field]


def test_the_api_decides_without_storing_a_case(client, app):
    """README: "It decides; it does not store." Programs keep their own records."""
    for record in (valid_record(), valid_record(chest_pain="yes")):
        assert client.post("/api/v1/triage", json=record).status_code == 200
    assert case_count(app) == 0


@pytest.mark.parametrize("name,record,field", REVISION_5_REFUSED, ids=[b[0] for b in REVISION_5_REFUSED])
def test_revision_5_red_flags_are_required_by_the_api(client, name, record, field):
    response = client.post("/api/v1/triage", data=json.dumps(record), content_type="application/json")
    assert response.status_code == 400
    assert [e["field"] for e in response.get_json()["errors"]] == [field]


def test_pregnancy_warning_from_the_api_is_an_emergency_even_when_not_pregnant(client):
    # The form asks it only in pregnancy; a `yes` from any other source still counts.
    record = valid_record(pregnancy_warning_signs="yes", pregnant_or_postpartum="no")
    body = client.post("/api/v1/triage", json=record).get_json()
    assert body["emergency"] is True
    assert [r["id"] for r in body["rules"]] == ["pregnancy-warning"]


def test_fainting_through_the_api(client):
    body = client.post("/api/v1/triage", json=valid_record(fainted="yes", language="es")).get_json()
    assert (body["disposition"], body["emergency"]) == ("urgent", True)
    assert [r["id"] for r in body["rules"]] == ["fainting"]
    assert "desmayó" in body["rules"][0]["patient_reason"]


@pytest.mark.parametrize("name,body", NOT_OBJECTS)
def test_body_that_is_not_an_object(client, name, body):
    response = client.post("/api/v1/triage", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_json()["errors"][0]["field"] == "_record"


def test_oversized_body_is_refused_with_json(client):
    record = valid_record(notes="x" * 100_000)
    response = client.post("/api/v1/triage", json=record)
    assert response.status_code == 413
    assert response.get_json()["errors"][0]["field"] == "_record"


def test_api_answers_are_never_cached(client):
    response = client.post("/api/v1/triage", json=valid_record())
    assert response.headers["Cache-Control"] == "no-store"


def test_api_only_accepts_post(client):
    assert client.get("/api/v1/triage").status_code == 405
