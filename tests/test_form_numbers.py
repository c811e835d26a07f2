"""Numbers on the form are ASCII digits only: int() alone takes far more."""
import pytest

from tests.helpers import case_count, csrf_token, form_data, valid_record

DIGITS_ONLY = "Please write the number using only digits, for example 42."
CHOOSE_SHOWN = "Please choose one of the answers shown."


def question_block(page, field):
    start = page.index(f'id="q-{field}"')
    following = page.find('class="question', start + 1)
    return page[start:following if following != -1 else len(page)]


@pytest.mark.parametrize("age", ["٤٢", "4_2", " 42 ", "42 ", "42\n", "+42", "４２", "0x2a", "42.0", "9" * 5000])
def test_age_in_anything_but_ascii_digits_is_refused_beside_the_question(client, app, age):
    response = client.post("/", data=form_data(valid_record(age_years=age), csrf_token(client)))
    assert response.status_code == 400
    block = question_block(response.get_data(as_text=True), "age_years")
    assert DIGITS_ONLY in block
    assert case_count(app) == 0


@pytest.mark.parametrize("score", ["٥", "5_", " 5", "５"])
def test_pain_score_in_anything_but_ascii_digits_is_refused(client, app, score):
    response = client.post("/", data=form_data(valid_record(pain_score=score), csrf_token(client)))
    assert response.status_code == 400
    assert CHOOSE_SHOWN in question_block(response.get_data(as_text=True), "pain_score")
    assert case_count(app) == 0


def test_plain_digits_are_stored_as_numbers(client, app):
    response = client.post("/", data=form_data(valid_record(age_years="042", pain_score="5"), csrf_token(client)))
    assert response.status_code == 303
    assert case_count(app) == 1
