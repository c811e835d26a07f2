"""A stale or missing CSRF token never costs the patient their answers."""
import re
import time

import pytest
from flask_wtf.csrf import CSRFProtect

from .helpers import all_cases, case_count, csrf_token, form_data, send_in_steps, step_data, valid_record

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
def test_expired_token_gives_the_answers_back_with_a_fresh_token(make_app, language, message):
    app = make_app(WTF_CSRF_TIME_LIMIT=1)
    client = app.test_client()
    old = csrf_token(client, f"/?lang={language}")
    data = form_data(valid_record(language=language, preferred_name=NAME, age_years=52), old)
    time.sleep(2)  # the tablet sat idle past the token's time limit
    fresh = assert_form_back(client.post("/", data=data), message)
    assert fresh != old
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


@pytest.mark.parametrize("token", [None, "not-a-token"])
def test_missing_or_invalid_token_gives_the_answers_back(client, app, token):
    csrf_token(client)  # the session holds a token; this post does not
    data = form_data(valid_record(preferred_name=NAME, age_years=52), token)
    if token is None:
        del data["csrf_token"]
    fresh = assert_form_back(client.post("/", data=data), "tap “Send my answers” again")
    assert case_count(app) == 0
    assert client.post("/", data={**data, "csrf_token": fresh}).status_code == 303


def test_lost_session_gives_the_answers_back(client, app):
    old = csrf_token(client)
    client.delete_cookie("session")
    data = form_data(valid_record(preferred_name=NAME, age_years=52), old)
    fresh = assert_form_back(client.post("/", data=data), "tap “Send my answers” again")
    assert fresh != old
    assert client.post("/", data={**data, "csrf_token": fresh}).status_code == 303


def test_a_host_apps_global_csrf_protection_does_not_show_an_error_page(app):
    CSRFProtect(app)
    client = app.test_client()
    csrf_token(client)
    data = form_data(valid_record(preferred_name=NAME, age_years=52), "stale")
    fresh = assert_form_back(client.post("/", data=data), "tap “Send my answers” again")
    assert case_count(app) == 0
    assert client.post("/", data={**data, "csrf_token": fresh}).status_code == 303
