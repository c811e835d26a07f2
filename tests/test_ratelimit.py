"""Rate limits on the form POST and the API: generous, friendly, the plugin's own."""
import pytest
from flask import Flask
from flask_limiter import ExemptionScope, Limiter
from flask_limiter.util import get_remote_address

from screening import Screening
from tests.helpers import case_count, csrf_token, form_data, valid_record


def test_form_posts_past_the_limit_get_a_patient_page(make_app):
    app = make_app(SCREENING_RATELIMIT_FORM="2 per minute")
    client = app.test_client()
    data = form_data(valid_record(), csrf_token(client))
    assert [client.post("/", data=data).status_code for _ in range(2)] == [303, 303]
    response = client.post("/", data=data)
    assert response.status_code == 429
    page = response.get_data(as_text=True)
    assert "Please wait a moment" in page and "Traceback" not in page
    assert response.headers["Retry-After"]
    assert case_count(app) == 2


def test_the_patient_page_is_in_the_patients_language(make_app):
    client = make_app(SCREENING_RATELIMIT_FORM="1 per minute").test_client()
    data = form_data(valid_record(language="es"), csrf_token(client, "/?lang=es"))
    client.post("/", data=data)
    response = client.post("/", data=data)
    assert response.status_code == 429
    assert "Por favor, espere un momento" in response.get_data(as_text=True)


def test_limits_count_per_client_address(make_app):
    client = make_app(SCREENING_RATELIMIT_FORM="1 per minute").test_client()
    data = form_data(valid_record(), csrf_token(client))
    tablet = {"REMOTE_ADDR": "10.0.0.5"}
    assert client.post("/", data=data, environ_base=tablet).status_code == 303
    assert client.post("/", data=data, environ_base=tablet).status_code == 429
    assert client.post("/", data=data, environ_base={"REMOTE_ADDR": "10.0.0.6"}).status_code == 303


@pytest.mark.sqlite_only
def test_api_past_the_limit_answers_json(make_app):
    client = make_app(SCREENING_RATELIMIT_API="1 per minute").test_client()
    assert client.post("/api/v1/triage", json=valid_record()).status_code == 200
    response = client.post("/api/v1/triage", json=valid_record())
    assert response.status_code == 429
    assert response.get_json()["errors"][0]["field"] == "_record"


@pytest.mark.sqlite_only
def test_pages_and_healthz_are_not_limited(make_app):
    client = make_app(SCREENING_RATELIMIT_FORM="1 per minute", SCREENING_RATELIMIT_API="1 per minute").test_client()
    for path in ("/", "/healthz", "/screening-static/screening.css"):
        assert {client.get(path).status_code for _ in range(5)} == {200}, path


def test_the_default_is_generous(client):
    data = form_data(valid_record(), csrf_token(client))
    assert {client.post("/", data=data).status_code for _ in range(30)} == {303}


def test_limits_can_be_switched_off(make_app):
    client = make_app(SCREENING_RATELIMIT_FORM="1 per minute", SCREENING_RATELIMIT_ENABLED=False).test_client()
    data = form_data(valid_record(), csrf_token(client))
    assert {client.post("/", data=data).status_code for _ in range(3)} == {303}


def test_a_hosts_own_limiter_neither_conflicts_nor_is_disturbed(tmp_path):
    host = Flask(__name__, instance_path=str(tmp_path))
    host.config.update(
        SECRET_KEY="test",
        SCREENING_DATABASE_URL=f"sqlite:///{tmp_path}/cases.sqlite3",
        SCREENING_RATELIMIT_API="2 per minute",
        # The host's limiter config: its default limits must not reach the plugin's limiter.
        RATELIMIT_DEFAULT="1 per minute",
    )
    host_limiter = Limiter(get_remote_address, app=host, storage_uri="memory://")

    @host.get("/staff")
    def staff():
        return "staff"

    Screening(host, url_prefix="/intake")
    # How a host keeps its defaults off the plugin: the parent blueprint and
    # every page, API and staff blueprint nested in it.
    host_limiter.exempt(host.blueprints["screening"], flags=ExemptionScope.DEFAULT | ExemptionScope.DESCENDENTS)

    client = host.test_client()
    assert client.get("/staff").status_code == 200
    assert client.get("/staff").status_code == 429  # the host's own limit still works
    statuses = [client.post("/intake/api/v1/triage", json=valid_record()).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]  # the plugin's limit, counted once
    assert len(host.extensions["limiter"]) == 2


def test_posts_refused_for_their_token_count_against_the_limit(make_app):
    """A flood without tokens (or with a forged one) is limited like any other:
    the limit is checked before the app's CSRF check refuses the post."""
    app = make_app(SCREENING_RATELIMIT_FORM="2 per minute")
    client = app.test_client()
    data = form_data(valid_record(), "forged")
    statuses = [client.post("/", data=data).status_code for _ in range(3)]
    assert 429 not in statuses[:2] and statuses[2] == 429
    assert case_count(app) == 0


def test_the_example_intranet_counts_refused_tokens_too(database_url):
    from examples.host_app import create_app as create_host_app

    host = create_host_app({"TESTING": True, "SECRET_KEY": "test", "SCREENING_DATABASE_URL": database_url,
                            "SCREENING_RATELIMIT_FORM": "2 per minute"})
    client = host.test_client()
    statuses = [client.post("/intake/", data={"age_years": "40"}).status_code for _ in range(3)]
    assert statuses[2] == 429
