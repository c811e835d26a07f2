"""The form as a patient uses it: a real browser at tablet size, by touch."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.helpers import all_cases

SIZES = [{"width": 768, "height": 1024}, {"width": 1024, "height": 768}]

# Sizes of every control a finger has to hit, and whether the page scrolls sideways.
MEASURE = """() => {
  const boxes = [...document.querySelectorAll('label.choice, input[type=number], input[type=text], textarea, button')]
    .filter(el => el.offsetParent !== null)
    .map(el => { const r = el.getBoundingClientRect(); return {id: el.id || el.htmlFor || el.textContent.trim(), w: r.width, h: r.height}; });
  return {boxes, sideways: document.documentElement.scrollWidth > window.innerWidth,
          font: parseFloat(getComputedStyle(document.body).fontSize)};
}"""


def send(page):
    with page.expect_navigation():
        page.locator("button.primary").tap()


def answer_everything_by_touch(page, chest_pain="no"):
    # Every shown question: a follow-up (the pregnancy warning signs) stays hidden after "no".
    for radio in page.locator("input[type=radio][value=no]").all():
        if radio.is_visible():
            radio.locator("xpath=..").tap()
    page.locator(f"input[name=chest_pain][value={chest_pain}]").locator("xpath=..").tap()
    page.fill("#age_years", "42")
    for selector in ("input[name=sides][value=left]", "input[name=locations][value=calf]",
                     "input[name=onset][value=gradual]", "input[name=duration][value='1_3_days']",
                     "#pain_score-4", "input[name=trend][value=better]",
                     "input[name=triggers][value=new_or_intense_exercise]"):
        page.locator(selector).locator("xpath=..").tap()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
def test_every_control_is_big_enough_to_tap_and_nothing_scrolls_sideways(tablet, live_server, size):
    tablet.set_viewport_size(size)
    tablet.goto(live_server + "/")
    measured = tablet.evaluate(MEASURE)
    assert not measured["sideways"]
    assert measured["font"] >= 16
    small = [b for b in measured["boxes"] if b["h"] < 44 or b["w"] < 44]
    assert small == []
    assert len(measured["boxes"]) > 90


def test_a_patient_completes_the_form_by_touch(tablet, live_server, app):
    tablet.goto(live_server + "/")
    answer_everything_by_touch(tablet, chest_pain="yes")
    send(tablet)
    assert "/result/" in tablet.url
    assert tablet.locator("h1").inner_text() == "Get emergency help now"
    [case] = all_cases(app)
    assert case.emergency is True


def test_unanswered_questions_are_shown_and_answers_stay(tablet, live_server, app):
    tablet.goto(live_server + "/")
    tablet.locator("#pain_score-7").locator("xpath=..").tap()
    tablet.fill("#preferred_name", "Ana")
    send(tablet)
    assert tablet.locator(".error-summary").is_visible()
    assert tablet.locator("#pain_score-7").is_checked()
    assert tablet.input_value("#preferred_name") == "Ana"
    assert tablet.locator("#q-chest_pain .error").inner_text().endswith("Please answer this question.")
    assert all_cases(app) == []


@pytest.mark.parametrize("state", ["empty", "with-errors", "result"])
def test_pages_have_no_serious_accessibility_problems(tablet, live_server, state):
    tablet.goto(live_server + "/")
    if state == "with-errors":
        send(tablet)
    if state == "result":
        answer_everything_by_touch(tablet)
        send(tablet)
        assert "/result/" in tablet.url
    results = Axe().run(tablet)
    serious = [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []


def test_the_pregnancy_warning_question_shows_only_after_yes_to_pregnancy(tablet, live_server, app):
    tablet.goto(live_server + "/")
    follow_up = tablet.locator("#q-pregnancy_warning_signs")
    assert follow_up.is_hidden()
    tablet.locator("input[name=pregnant_or_postpartum][value=yes]").locator("xpath=..").tap()
    assert follow_up.is_visible()
    assert tablet.locator("#pregnancy_warning_signs-hint").is_hidden()  # shown only when it applies
    tablet.locator("input[name=pregnancy_warning_signs][value=yes]").locator("xpath=..").tap()
    tablet.locator("input[name=pregnant_or_postpartum][value=no]").locator("xpath=..").tap()
    assert follow_up.is_hidden()
    tablet.locator("input[name=pregnant_or_postpartum][value=yes]").locator("xpath=..").tap()
    answer_everything_by_touch(tablet)  # "no" to every shown question, pregnancy included
    tablet.locator("input[name=pregnant_or_postpartum][value=yes]").locator("xpath=..").tap()
    tablet.locator("input[name=pregnancy_warning_signs][value=yes]").locator("xpath=..").tap()
    send(tablet)
    assert tablet.locator("h1").inner_text() == "Get emergency help now"
    [case] = all_cases(app)
    assert case.record["pregnancy_warning_signs"] == "yes" and case.rule_ids[0] == "pregnancy-warning"


def test_without_scripting_the_pregnancy_warning_question_is_shown_with_its_hint(browser, live_server, app):
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server + "/")
        assert page.locator("#q-pregnancy_warning_signs").is_visible()
        assert page.locator("#pregnancy_warning_signs-hint").inner_text() == (
            "Only if you are pregnant or had a baby in the last 6 weeks")
        answer_everything_by_touch(page)
        page.locator("input[name=pregnancy_warning_signs][value=yes]").locator("xpath=..").tap()
        send(page)  # pregnancy "no": the follow-up's answer is not taken
        [case] = all_cases(app)
        assert case.record["pregnancy_warning_signs"] == "no" and case.emergency is False
    finally:
        context.close()
