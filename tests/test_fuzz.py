"""Fuzzing: valid and malformed records against the API, the command line and
the form. Never a server error or a traceback, never a half-stored case,
and a valid record stored exactly once.

Each test builds its app once; Hypothesis then sends every example to it.
"""
import json
import re
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screening.intake.forms import CHECKLISTS, FOUR_STEPS, OPPOSITE
from screening import cli
from screening.app import create_app
from screening.store import cases
from screening.triage.rules import triage
from screening.triage.asking import asks, unasked_value
from screening.triage.contract import FOLLOW_UPS
from screening.triage.validation import problems, validate
from screening.web.state import state
from tests.helpers import all_cases, case_count, csrf_token, form_data, form_record
from tests.strategies import any_json, any_records, records

from .conftest import drop_tables

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture
def api_client(tmp_path):
    """The API touches no database: SQLite is enough."""
    app = create_app({"TESTING": True, "SCREENING_RATELIMIT_ENABLED": False,
                      "SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/api.sqlite3"},
                     instance_path=str(tmp_path / "instance"))
    yield app.test_client()
    drop_tables(app)


def json_body(payload):
    # ensure_ascii sends a lone surrogate as \ud800, as any client could.
    return json.dumps(payload)


@FUZZ
@given(payload=st.one_of(any_records, any_json))
def test_the_api_answers_every_body_with_a_result_or_its_problems(api_client, payload):
    response = api_client.post("/api/v1/triage", data=json_body(payload), content_type="application/json")
    assert response.status_code in (200, 400, 413), response.status_code
    body = response.get_json()
    if response.status_code == 200:
        assert not problems(payload)
        assert body == triage(validate(payload)).to_dict()
    else:
        assert body["errors"] and all(set(error) == {"field", "message"} for error in body["errors"])
        if response.status_code == 400:
            assert problems(payload)


@FUZZ
@given(body=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_the_api_answers_bytes_that_are_not_json(api_client, body):
    response = api_client.post("/api/v1/triage", data=body, content_type="application/json")
    assert response.status_code in (200, 400)
    assert response.get_json()["errors" if response.status_code == 400 else "disposition"]


@FUZZ
@given(payload=st.one_of(any_records, any_json))
def test_the_command_line_prints_a_result_or_every_problem(payload):
    result = CliRunner().invoke(cli.main, ["triage", "-"], input=json_body(payload))
    # Exit 2 is the contract's "bad input"; anything raised would be a traceback.
    assert result.exit_code in (0, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert not problems(payload)
        assert json.loads(result.stdout) == triage(validate(payload)).to_dict()
    else:
        assert problems(payload)
        assert result.stderr.count("\n") == len(problems(payload))


def expected_from_form(record):
    """What the form stores for these answers: default language, optional text
    trimmed and left out when empty, pregnancy `no` outside ages 10 to 55 and
    its warning signs `no` unless pregnant (the only cases the form asks them),
    each follow-up as answered where the form asks it, else as it records it
    unasked (tests.helpers.form_record)."""
    stored = {"language": "en", **form_record(record)}
    if not 10 <= stored["age_years"] <= 55:
        stored["pregnant_or_postpartum"] = "no"
    if stored["pregnant_or_postpartum"] != "yes":
        stored["pregnancy_warning_signs"] = "no"
    for name in ("preferred_name", "notes"):
        if name in stored:
            stored[name] = stored[name].strip()
            if not stored[name]:
                del stored[name]
    return stored


@pytest.fixture
def form_client(make_app):
    app = make_app(SCREENING_RATELIMIT_ENABLED=False)
    client = app.test_client()
    return app, client, csrf_token(client)


def assert_whole(app, case):
    """A stored case is whole: a valid record, and its result with every rule it fired."""
    assert not problems(case.record)
    with state(app).sessions() as session:
        stored = cases.find_case(session, case.token)
        assert cases.result_of(stored).to_dict() == triage(stored.record).to_dict()


def sent_form(record, token):
    """form_data for any record, a malformed four-steps answer included: it
    goes out under the form's own name just as it is."""
    if "cannot_bear_weight" in record and record["cannot_bear_weight"] not in ("yes", "no", "unsure"):
        rest = {k: v for k, v in record.items() if k != "cannot_bear_weight"}
        value = record["cannot_bear_weight"]
        return {**form_data(rest, token), FOUR_STEPS: [str(v) for v in value] if isinstance(value, list) else str(value)}
    return form_data(record, token)


CHECKLIST_OF = {item: name for name, items in CHECKLISTS.items() for item in items}


def assert_stored_as_sent(stored, sent):
    """Every stored answer is what was typed or chosen, not a reading of it."""
    for name, value in stored.items():
        given = sent.get(name)
        if name == "pregnant_or_postpartum" and not 10 <= stored["age_years"] <= 55:
            assert value == "no", name  # asked only at ages 10 to 55 (contract section 1)
            continue
        if name == "pregnancy_warning_signs" and stored["pregnant_or_postpartum"] != "yes":
            assert value == "no"  # not asked unless pregnant, and recorded no
            continue
        if name in FOLLOW_UPS and not asks(name, stored):
            assert value == unasked_value(name, stored), name  # not asked: whatever was sent is ignored
            continue
        if name == "language" and given not in ("en", "es"):
            assert value == "en", name  # anything else sent reads as the default
            continue
        if name in CHECKLIST_OF:  # one item of a "choose all that fit" list
            chosen = sent.get(CHECKLIST_OF[name]) or []
            assert value == ("yes" if name in chosen else "no"), name
            continue
        if name == "cannot_bear_weight":  # asked as "Can you take four steps?"
            four_steps = sent[FOUR_STEPS]
            if isinstance(four_steps, list):
                four_steps = four_steps[0]  # a field of one answer reads the first of repeated keys
            assert value == OPPOSITE[four_steps], name
            continue
        if given in (None, []):  # an empty list sends nothing
            assert name == "language" and value == "en"
            continue
        if isinstance(given, list) and not isinstance(value, list):
            given = given[0]  # a field of one answer reads the first of repeated keys
        if isinstance(value, list) and not isinstance(given, list):
            given = [given]  # one key sent once is a list of one
        if name == "pregnancy_warning_signs" and stored["pregnant_or_postpartum"] != "yes":
            assert value == "no"  # not asked unless pregnant, and recorded no
        elif name in ("preferred_name", "notes"):
            assert value == given.strip()
        elif isinstance(value, int):
            assert re.fullmatch("-?[0-9]+", given) and int(given) == value, (name, given)
        else:
            assert form_data({name: value}, "")[name] == given, name


@settings(FUZZ, max_examples=60)
@given(record=records())
def test_a_valid_form_is_stored_exactly_once_as_sent(form_client, record):
    app, client, token = form_client
    before = case_count(app)
    response = client.post("/", data=form_data(record, token))
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    assert case_count(app) == before + 1
    case = all_cases(app)[-1]
    assert case.record == expected_from_form(record)
    assert response.headers["Location"].endswith("/result")  # bound to this session, no token in it
    assert_whole(app, case)


@settings(FUZZ, max_examples=100)
@given(record=any_records)
def test_any_form_post_is_stored_whole_or_not_at_all(form_client, record):
    app, client, token = form_client
    before = case_count(app)
    # Encoded by hand: a lone surrogate goes out as the broken UTF-8 any
    # script could send (the test client would refuse to encode it).
    sent = sent_form(record, token)
    body = urlencode(sent, doseq=True, errors="surrogatepass")
    response = client.post("/", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (303, 400, 413), response.status_code
    page = response.get_data(as_text=True)
    assert "Traceback" not in page
    if response.status_code == 303:
        assert case_count(app) == before + 1
        case = all_cases(app)[-1]
        assert_whole(app, case)
        assert_stored_as_sent(case.record, sent)
    else:
        assert case_count(app) == before
        # Nothing sent comes back as markup.
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
