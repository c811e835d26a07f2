"""The form, its messages, the result and the error pages in Spanish."""
import re

import pytest

from screening.intake.forms import HINTS, QUESTIONS

from .helpers import all_cases, case_count, csrf_token, form_data, send_in_steps, step_data, valid_record


def question_block(page, name):
    """The HTML of one question, from its container to the next question."""
    start = page.index(f'id="q-{name}"')
    following = page.find('class="question', start + 1)
    return page[start : following if following != -1 else len(page)]


@pytest.mark.sqlite_only
def test_spanish_form_asks_in_spanish(client):
    page = client.get("/?lang=es").get_data(as_text=True)
    assert '<html lang="es">' in page
    assert "¿Tiene dolor en el pecho o siente el pecho apretado" in page
    assert "Paso 1 de 6" in page and "Siguiente" in page
    assert "No sé" in page
    assert "¿Se desmayó o casi se desmaya?" in page
    assert "¿Es correcto?" in page and "Sí, es correcto" in page  # the early stop's check
    # No English question is left on any step.
    pages = [page] + [r.get_data(as_text=True) for r in send_in_steps(client, valid_record(age_years=30), "/?lang=es", until=5)]
    for question in (*QUESTIONS.values(), *HINTS.values()):
        assert not any(str(question) in step for step in pages), question
    assert "Solo si está embarazada o tuvo un bebé en las últimas 6 semanas" in pages[-1]
    assert "Enviar mis respuestas" in pages[-1]


def test_missing_answers_get_spanish_messages_beside_their_questions(client, app):
    record = valid_record(language="es", age_years=44, preferred_name="Lucía")
    page = send_in_steps(client, record, "/?lang=es", until=2)[-1].get_data(as_text=True)
    response = client.post("/", data=step_data(page, {"four_steps": "yes"}, 2))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Hay 3 respuestas que revisar" in page
    for name in ("sides", "pain_score"):
        assert "Por favor, responda esta pregunta." in question_block(page, name)
    assert "Por favor, elija al menos una respuesta." in question_block(page, "locations")
    # The answer already given is still there.
    assert re.search(r'checked[^>]*name="four_steps"[^>]*value="yes"', question_block(page, "four_steps"))
    assert case_count(app) == 0


@pytest.mark.sqlite_only
def test_wtforms_own_messages_reach_the_patient_in_spanish(client):
    token = csrf_token(client, "/?lang=es")
    response = client.post("/", data=form_data(valid_record(language="es", age_years="cuarenta"), token))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Por favor, escriba el número solo con cifras" in question_block(page, "age_years")
    assert "Not a valid" not in page


def test_spanish_submission_is_stored_in_spanish_and_the_result_follows(client, app):
    token = csrf_token(client, "/?lang=es")
    response = client.post("/", data=form_data(valid_record(language="es"), token))
    assert response.status_code == 303
    assert [case.record["language"] for case in all_cases(app)] == ["es"]
    assert all_cases(app)[0].language == "es"
    result = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="es">' in result
    assert "Puede cuidarse en casa" in result
    assert "Empezar un formulario nuevo" in result


def test_language_switch_keeps_answers_and_the_new_language_is_stored(client, app):
    token = csrf_token(client)
    data = form_data(valid_record(preferred_name="Ana"), token)
    switched = client.post("/", data={**data, "switch_language": "es"})  # from the last step (all at once)
    page = switched.get_data(as_text=True)
    assert switched.status_code == 200
    assert '<html lang="es">' in page and 'value="Ana"' in page
    assert re.search(r'name="language" type="hidden" value="es"', page)
    assert case_count(app) == 0
    sent = client.post("/", data={**data, "language": "es"})
    assert sent.status_code == 303
    assert all_cases(app)[0].record["language"] == "es"


@pytest.mark.sqlite_only
def test_not_found_page_follows_the_browser_language(client):
    response = client.get("/result", headers={"Accept-Language": "es-MX,es;q=0.9"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "No encontramos esta página" in page
    assert "recepción" in page
    english = client.get("/result").get_data(as_text=True)
    assert "Page not found" in english


@pytest.mark.sqlite_only
def test_a_clinic_that_set_no_name_shows_no_english_placeholder(make_app):
    """Unconfigured, the pages show no clinic name at all rather than an English "Your clinic"."""
    page = make_app(SCREENING_CLINIC_NAME="").test_client().get("/?lang=es").get_data(as_text=True)
    assert re.search(r"<title>(.*?)</title>", page).group(1) == "Revisión del dolor de pierna"
    assert '<span class="clinic"></span>' in page
