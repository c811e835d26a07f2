"""The form, its messages, the result and the error pages in Spanish."""
import re

import pytest

from screening.intake.forms import HINTS, QUESTIONS

from .helpers import all_cases, case_count, csrf_token, form_data, valid_record


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
    assert "Enviar mis respuestas" in page
    assert "No sé" in page
    # No English question is left on the page.
    for question in (*QUESTIONS.values(), *HINTS.values()):
        assert str(question) not in page
    assert "¿Se desmayó o estuvo a punto de desmayarse" in page
    assert "Solo si está embarazada o tuvo un bebé en las últimas 6 semanas" in page


def test_missing_answers_get_spanish_messages_beside_their_questions(client, app):
    token = csrf_token(client, "/?lang=es")
    record = valid_record(language="es", age_years=44, preferred_name="Lucía")
    for name in ("chest_pain", "sides", "locations", "pain_score"):
        del record[name]
    response = client.post("/", data=form_data(record, token))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Revise estas respuestas, por favor" in page
    for name in ("chest_pain", "sides", "pain_score"):
        assert "Por favor, responda esta pregunta." in question_block(page, name)
    assert "Por favor, elija al menos una respuesta." in question_block(page, "locations")
    # The answers already given are still there.
    assert 'value="44"' in question_block(page, "age_years")
    assert 'value="Lucía"' in question_block(page, "preferred_name")
    assert re.search(r'value="gradual"[^>]*checked|checked[^>]*value="gradual"', question_block(page, "onset"))
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
    switched = client.post("/", data={**data, "switch_language": "es"})
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
    response = client.get("/result/no-such-token", headers={"Accept-Language": "es-MX,es;q=0.9"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "No encontramos esta página" in page
    assert "recepción" in page
    english = client.get("/result/no-such-token").get_data(as_text=True)
    assert "Page not found" in english
