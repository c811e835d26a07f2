"""A stale or missing CSRF token never costs the patient their answers."""
import re
import time
from datetime import datetime, timezone

import itsdangerous
import pytest
import time_machine
from flask_wtf.csrf import CSRFProtect

from .helpers import all_cases, case_count, csrf_token, form_data, send_in_steps, step_data, valid_record

# A fixed moment for tests that move the clock.
VISIT = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
NAME = "Perpetua Onslow"


def token_in(page):
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


def assert_form_back(response, message):
    """The form again (its last step: everything was sent at once), answers
    kept, the gentle message; the token it holds."""
    page = response.get_data(as_text=True)
    assert response.status_code in (200, 400)
    assert message in page
    assert f'value="{NAME}"' in page and 'name="answers"' in page
    assert "CSRF" not in page
    return token_in(page)


def assert_stored_with_every_answer(app):
    [case] = all_cases(app)
    assert case.record["preferred_name"] == NAME and case.record["age_years"] == 52


@pytest.mark.parametrize("language, message", [
    ("en", "Please check your answers and tap “Send my answers” again."),
    ("es", "Por favor, revise sus respuestas y toque “Enviar mis respuestas” otra vez."),
])
def test_expired_token_gives_the_answers_back_with_a_fresh_token(app, language, message):
    client = app.test_client()
    with time_machine.travel(VISIT, tick=False) as clock:
        old = csrf_token(client, f"/?lang={language}")
        data = form_data(valid_record(language=language, preferred_name=NAME, age_years=52), old)
        # The tablet sat idle past the token's time limit (Flask-WTF's default hour).
        clock.shift(app.config.get("WTF_CSRF_TIME_LIMIT", 3600) + 1)
        fresh = assert_form_back(client.post("/", data=data), message)
        assert fresh != old
        assert case_count(app) == 0
        assert client.post("/", data={**data, "csrf_token": fresh}).status_code == 303
    assert case_count(app) == 1


def expired_token(client, monkeypatch, path="/"):
    """A token this session was given two hours ago (time injected, not slept)."""
    two_hours_ago = int(time.time()) - 7200
    with monkeypatch.context() as past:
        past.setattr(itsdangerous.TimestampSigner, "get_timestamp", lambda self: two_hours_ago)
        return csrf_token(client, path)


def assert_blank_start(client, response):
    """Sent to a fresh start: nothing of the posted answers comes back."""
    assert response.status_code == 303
    assert "/start" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert NAME not in page and 'value="52"' not in page


@pytest.mark.parametrize("token", [None, "", "not-a-token"])
def test_a_post_without_this_sessions_token_gets_no_answers_back(client, app, token):
    """What a cross-site page can send: a pre-filled form, no valid token."""
    csrf_token(client)  # the session holds a token; this post does not
    data = form_data(valid_record(preferred_name=NAME, age_years=52), token)
    if token is None:
        del data["csrf_token"]
    assert_blank_start(client, client.post("/", data=data))
    assert case_count(app) == 0


def test_a_post_with_no_session_gets_no_answers_back(client, app, monkeypatch):
    # A cross-site POST carries no SameSite=Lax cookie: no session at all.
    old = expired_token(client, monkeypatch)
    client.delete_cookie("session")
    data = form_data(valid_record(preferred_name=NAME, age_years=52), old)
    assert_blank_start(client, client.post("/", data=data))
    assert case_count(app) == 0


def test_another_sessions_token_gets_no_answers_back(app, monkeypatch):
    attacker, patient = app.test_client(), app.test_client()
    csrf_token(patient)
    for token in (csrf_token(attacker), expired_token(attacker, monkeypatch)):
        data = form_data(valid_record(preferred_name=NAME, age_years=52), token)
        assert_blank_start(patient, patient.post("/", data=data))
    assert case_count(app) == 0


def test_an_expired_token_of_this_session_still_gives_the_answers_back(client, app, monkeypatch):
    old = expired_token(client, monkeypatch)
    data = form_data(valid_record(preferred_name=NAME, age_years=52), old)
    fresh = assert_form_back(client.post("/", data=data), "tap “Send my answers” again")
    assert case_count(app) == 0
    assert client.post("/", data={**data, "csrf_token": fresh}).status_code == 303
    assert_stored_with_every_answer(app)


def test_an_expired_token_mid_form_keeps_the_step_and_every_answer(make_app):
    app = make_app(WTF_CSRF_TIME_LIMIT=1)
    client = app.test_client()
    record = valid_record(preferred_name=NAME, age_years=52, sides="right")
    page = send_in_steps(client, record, until=2)[-1].get_data(as_text=True)
    time.sleep(2)
    from screening.intake.forms import form_values

    response = client.post("/", data=step_data(page, form_values(record), 2))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Step 3 of 6" in page and "tap “Next” again" in page
    assert re.search(r'<input checked[^>]*name="sides"[^>]*value="right"', page)
    # Sent again with the fresh token, the form goes on to the end with nothing lost.
    for index in range(2, 6):
        response = client.post("/", data=step_data(page, form_values(record), index))
        page = response.get_data(as_text=True)
    assert response.status_code == 303
    assert_stored_with_every_answer(app)


def test_a_host_apps_global_csrf_protection_does_not_show_an_error_page(app, monkeypatch):
    CSRFProtect(app)
    client = app.test_client()
    data = form_data(valid_record(preferred_name=NAME, age_years=52), expired_token(client, monkeypatch))
    fresh = assert_form_back(client.post("/", data=data), "tap “Send my answers” again")
    assert case_count(app) == 0
    assert client.post("/", data={**data, "csrf_token": fresh}).status_code == 303
