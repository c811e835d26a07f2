"""Reading grade of what the patient reads on the form and the result pages.

Measured as the handout is (tests/test_handout_readability.py, textstat
0.7.8): English by Flesch-Kincaid grade, Spanish by Fernández Huerta, whose
scale follows Flesch's reading ease (80 to 90 "easy" is grade 6, 90 and up
grade 5). Each page's text is scored as read: every line (a question, a
hint, an answer, a button) a sentence of its own. Goal: grade 6 or below.
"""
import html
import re

import pytest
import textstat

from screening.intake.forms import STEPS
from tests.helpers import VIGNETTES, csrf_token, form_data, send_in_steps, valid_record

FK_MAX = 6.0
FH_MIN = 80.0


def score(language, passage):
    textstat.set_lang(language)
    try:
        return textstat.flesch_kincaid_grade(passage) if language == "en" else textstat.fernandez_huerta(passage)
    finally:
        textstat.set_lang("en")


def readable(language, passage):
    value = score(language, passage)
    return value <= FK_MAX if language == "en" else value >= FH_MIN


def page_text(page):
    """The words in <main> (and the dialog), one sentence per line of text."""
    main = page[page.index("<main"):page.index("</main>")]
    main = re.sub(r"<script.*?</script>", " ", main, flags=re.S)
    lines = [html.unescape(chunk).strip() for chunk in re.split(r"<[^>]+>", main)]
    lines = [line for line in lines if re.search(r"[A-Za-zÁÉÍÓÚáéíóúñÑ]", line)]
    return " ".join(line if line[-1] in ".?!:" else line + "." for line in lines)


def step_pages(client, language):
    first = client.get(f"/?lang={language}").get_data(as_text=True)
    later = send_in_steps(client, valid_record(age_years=30), f"/?lang={language}", until=len(STEPS) - 1)
    return [first] + [r.get_data(as_text=True) for r in later]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_step_of_the_form_reads_at_grade_6_or_below(client, language):
    pages = step_pages(client, language)
    assert len(pages) == len(STEPS)
    for number, page in enumerate(pages, start=1):
        text = page_text(page)
        assert readable(language, text), f"step {number}: {score(language, text):.1f}: {text}"
    whole = " ".join(page_text(page) for page in pages)
    assert readable(language, whole), f"the whole form: {score(language, whole):.1f}"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_early_stop_check_reads_at_grade_6_or_below(client, language):
    page = client.get(f"/?lang={language}").get_data(as_text=True)
    dialog = page[page.index('<dialog'):page.index('</dialog>')]
    text = page_text(f"<main>{dialog}</main>")
    assert readable(language, text), f"{score(language, text):.1f}: {text}"


TIERS = {
    "emergency": next(v for v in VIGNETTES if v["expected"]["emergency"]),
    "urgent": next(v for v in VIGNETTES if v["expected"]["disposition"] == "urgent" and not v["expected"]["emergency"]),
    "routine": next(v for v in VIGNETTES if v["expected"]["disposition"] == "routine"),
    "self-care": next(v for v in VIGNETTES if v["expected"]["disposition"] == "self-care"),
}


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("kind", TIERS)
def test_each_result_page_reads_at_grade_6_or_below(make_app, language, kind):
    client = make_app(SCREENING_CLINIC_PHONE="555-0142", SCREENING_EMERGENCY_NUMBER="911").test_client()
    record = dict(TIERS[kind]["record"], language=language)
    client.post("/", data=form_data(record, csrf_token(client, f"/?lang={language}")))
    page = client.get("/result").get_data(as_text=True)
    # The rules' reasons are scored with the handout's (same words); here, the page's own.
    own = re.sub(r'<section class="reasons">.*?</section>', "", page, flags=re.S)
    text = page_text(own)
    assert readable(language, text), f"{kind}: {score(language, text):.1f}: {text}"
