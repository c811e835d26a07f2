"""The API's OpenAPI description, checked against the running app by schemathesis."""
import jsonschema_rs  # schemathesis's own JSON Schema validator
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from schemathesis.specs.openapi.checks import positive_data_acceptance

from screening.app import create_app
from screening.store import migrate
from screening.web.state import state
from tests.helpers import contract_record

from .conftest import drop_tables


def make_app(tmp_path):
    app = create_app(
        {"TESTING": True, "SCREENING_RATELIMIT_ENABLED": False,
         "SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/cases.sqlite3"},
        instance_path=str(tmp_path / "instance"),
    )
    migrate.upgrade(state(app).engine)  # as `flask screening db upgrade` does
    return app


def test_the_description_is_served_with_the_mounted_paths(tmp_path):
    from flask import Flask

    from screening import Screening

    host = Flask(__name__, instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="test", SCREENING_DATABASE_URL=f"sqlite:///{tmp_path}/h.sqlite3")
    Screening(host, url_prefix="/intake")
    response = host.test_client().get("/intake/api/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.")
    assert set(document["paths"]) == {"/intake/api/v1/triage", "/intake/healthz"}
    record = document["components"]["schemas"]["IntakeRecord"]
    assert set(record["required"]) <= set(record["properties"])
    assert record["additionalProperties"] is False


def described(document, name):
    return {"$ref": f"#/components/schemas/{name}", "components": document["components"]}


def test_a_valid_record_matches_the_described_result(tmp_path):
    app = make_app(tmp_path)
    client = app.test_client()
    document = client.get("/api/openapi.json").get_json()
    dispositions = set()
    for record in (contract_record(), contract_record(chest_pain="yes"), contract_record(previous_clot="yes")):
        jsonschema_rs.validate(described(document, "IntakeRecord"), record)
        result = client.post("/api/v1/triage", json=record).get_json()
        jsonschema_rs.validate(described(document, "TriageResult"), result)
        dispositions.add(result["disposition"])
    assert len(dispositions) >= 2
    drop_tables(app)


@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
def test_the_api_keeps_to_its_description(tmp_path, mode):
    """Schemathesis, valid then schema-breaking requests to every described
    operation, with its default checks: no server error, documented status
    codes and content types, responses as described, and whatever breaks the
    schema refused. Not "schema-valid data accepted": JSON Schema cannot tell
    33 from 33.0 (which the contract refuses) nor say "a visible character",
    so the description is a little looser than the validation, never
    stricter. (Driven through Hypothesis directly: schemathesis's pytest
    fixture loader does not run under pytest 9.)"""
    app = make_app(tmp_path)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {f"{o.method.upper()} {o.path}" for o in operations} == {"POST /api/v1/triage", "GET /healthz"}
    try:
        for operation in operations:
            if mode == schemathesis.GenerationMode.NEGATIVE and not len(operation.body):
                continue  # /healthz takes nothing that could be wrong

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck), database=None)
            def keeps_to_it(case):
                case.call_and_validate(excluded_checks=[positive_data_acceptance])

            keeps_to_it()
    finally:
        drop_tables(app)
