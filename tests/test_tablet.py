"""The form as a patient uses it: a real browser at tablet size, by touch
(and by keyboard alone), step by step, with and without scripting."""
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from screening.intake.forms import STEPS, form_values
from tests.helpers import all_cases, valid_record

SIZES = [{"width": 768, "height": 1024}, {"width": 1024, "height": 768}]

# Sizes of every control a finger has to hit, and whether the page scrolls sideways.
MEASURE = """() => {
  const boxes = [...document.querySelectorAll('label.choice, input[type=number], input[type=text], input[type=password], textarea, button, a.button, summary')]
    .filter(el => el.offsetParent !== null && !el.classList.contains('default-go'))
    .map(el => { const r = el.getBoundingClientRect(); return {id: el.id || el.htmlFor || el.textContent.trim(), w: r.width, h: r.height}; });
  return {boxes, sideways: document.documentElement.scrollWidth > window.innerWidth,
          font: parseFloat(getComputedStyle(document.body).fontSize),
          height: document.documentElement.scrollHeight};
}"""

SELF_CARE = form_values(valid_record(age_years=34))


def tap(page, name, value):
    page.locator(f"input[name={name}][value='{value}']").locator("xpath=..").tap()


def answer_by_touch(page, index, values=SELF_CARE):
    """Answer the questions of step `index` by touch (the age by its keyboard)."""
    for name in STEPS[index].names:
        if name not in values or not page.locator(f"#q-{name}").is_visible():
            continue
        value = values[name]
        if name == "age_years":
            page.locator("#age_years").tap()
            page.keyboard.type(str(value))
        elif name in ("preferred_name", "notes"):
            page.locator(f"#{name}").tap()
            page.keyboard.type(value)
        else:
            for one in value if isinstance(value, list) else [value]:
                tap(page, name, one)


def go(page, button=".step-nav .primary"):
    with page.expect_navigation():
        page.locator(button).tap()


def serious_problems(page):
    results = Axe().run(page)
    return [v["id"] for v in results.response["violations"] if v["impact"] in ("serious", "critical")]


def small_targets(page):
    measured = page.evaluate(MEASURE)
    assert not measured["sideways"]
    assert measured["font"] >= 16
    return [b for b in measured["boxes"] if b["h"] < 44 or b["w"] < 44]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("size", SIZES, ids=["portrait", "landscape"])
def test_every_step_has_big_targets_no_sideways_scroll_and_no_accessibility_problems(tablet, live_server, size):
    tablet.set_viewport_size(size)
    tablet.goto(live_server + "/")
    for index in range(len(STEPS)):
        assert f"Step {index + 1} of 6" in tablet.locator(".progress-text").inner_text()
        assert small_targets(tablet) == []
        assert serious_problems(tablet) == []
        answer_by_touch(tablet, index)
        go(tablet)
    assert tablet.url.endswith("/result")
    assert small_targets(tablet) == [] and serious_problems(tablet) == []


def test_each_step_fits_one_portrait_screen(tablet, live_server):
    """At 768x1024 no step needs scrolling: the Next button is always in sight."""
    tablet.goto(live_server + "/")
    heights = []
    for index in range(len(STEPS)):
        heights.append(tablet.evaluate("document.documentElement.scrollHeight"))
        answer_by_touch(tablet, index)
        go(tablet)
    assert max(heights) <= 1024 + 40, heights  # a few pixels of slack for font differences


@pytest.mark.parametrize("language, words", [
    ("en", {"next": "Next", "back": "Back", "send": "Send my answers", "home": "You can care for this at home",
            "summary": "6 answers need another look"}),
    ("es", {"next": "Siguiente", "back": "Atrás", "send": "Enviar mis respuestas", "home": "Puede cuidarse en casa",
            "summary": "Hay 6 respuestas que revisar"}),
])
def test_the_whole_form_by_touch_step_by_step(tablet, live_server, app, language, words):
    tablet.goto(f"{live_server}/?lang={language}")
    answer_by_touch(tablet, 0)
    go(tablet)
    # Step 2 sent empty: every problem of the step is listed and linked.
    go(tablet)
    summary = tablet.locator("#error-summary")
    assert summary.is_visible() and words["summary"] in summary.inner_text()
    assert summary.evaluate("el => el === document.activeElement")
    links = summary.locator("a")
    assert [link.get_attribute("href") for link in links.all()] == [f"#q-{n}" for n in STEPS[1].names]
    links.nth(4).tap()
    assert tablet.url.endswith("#q-leg_weakness")
    assert tablet.locator("#q-leg_weakness").is_visible()
    answer_by_touch(tablet, 1)
    go(tablet)
    # Step 3: answer, go Back, and forward again: every answer is kept.
    answer_by_touch(tablet, 2)
    go(tablet, ".step-nav .secondary")
    assert tablet.locator("input[name=dark_urine][value=no]").is_checked()
    go(tablet)
    for location in SELF_CARE["locations"]:
        assert tablet.locator(f"input[name=locations][value={location}]").is_checked()
    assert tablet.locator(f"input[name=pain_score][value='{SELF_CARE['pain_score']}']").is_checked()
    go(tablet)
    for index in range(3, len(STEPS)):
        assert tablet.locator(".step-nav .primary").inner_text() == (words["send"] if index == 5 else words["next"])
        assert tablet.locator(".step-nav .secondary").inner_text() == words["back"]
        answer_by_touch(tablet, index)
        go(tablet)
    assert tablet.url.endswith("/result")
    assert words["home"] in tablet.locator("h1").inner_text()
    [case] = all_cases(app)
    assert case.language == language and case.record["age_years"] == 34 and case.early_stop is False


def test_pregnancy_is_asked_in_the_right_ages_and_its_follow_up_only_after_yes(tablet, live_server, app):
    def reach_last_step(age):
        tablet.goto(live_server + "/")
        for index in range(5):
            answer_by_touch(tablet, index, dict(SELF_CARE, age_years=age))
            go(tablet)

    reach_last_step(9)
    assert tablet.locator("input[value=pregnant_or_postpartum]").count() == 0
    reach_last_step(56)
    assert tablet.locator("input[value=pregnant_or_postpartum]").count() == 0
    answer_by_touch(tablet, 5)
    go(tablet)
    reach_last_step(30)
    follow_up = tablet.locator("#q-pregnancy_warning_signs")
    assert follow_up.is_hidden()
    tap(tablet, "clot_risks", "pregnant_or_postpartum")
    assert follow_up.is_visible()
    assert tablet.locator("#pregnancy_warning_signs-only-if").is_hidden()
    tap(tablet, "clot_risks", "none")  # "None of these" clears the rest, and the follow-up goes
    assert not tablet.locator("input[value=pregnant_or_postpartum]").is_checked()
    assert follow_up.is_hidden()
    go(tablet)
    first, second = all_cases(app)
    assert first.record["age_years"] == 56 and first.record["pregnant_or_postpartum"] == "no"
    assert second.record["pregnancy_warning_signs"] == "no"


# --- the early emergency stop, with scripting -----------------------------------------


def test_chest_pain_yes_reaches_the_emergency_page_in_two_taps(tablet, live_server, app):
    tablet.goto(live_server + "/")
    tap(tablet, "chest_pain", "yes")  # tap 1
    dialog = tablet.locator("#early-stop")
    assert dialog.is_visible()
    box = dialog.bounding_box()
    assert (box["width"], box["height"]) == (768, 1024)  # the whole screen
    assert "Do you have chest pain or a tight chest?" in tablet.locator("#early-stop-answers").inner_text()
    assert tablet.evaluate("document.activeElement.id") == "early-stop-yes"
    assert all_cases(app) == []
    go(tablet, "#early-stop-yes")  # tap 2
    assert tablet.url.endswith("/result")
    assert tablet.locator("h1").inner_text() == "Get emergency help now"
    assert "Stay where you are." in tablet.locator(".do-now").inner_text()
    [case] = all_cases(app)
    assert case.early_stop is True and case.emergency is True
    assert case.record == {"language": "en", "chest_pain": "yes"}
    assert case.rule_ids == ["chest-or-breathing"]


def test_the_dialog_keeps_focus_inside_and_has_no_accessibility_problems(tablet, live_server):
    tablet.goto(live_server + "/")
    tap(tablet, "short_of_breath", "no")
    tap(tablet, "fainted", "yes")
    assert serious_problems(tablet) == []
    assert small_targets(tablet) == []
    for _ in range(6):
        tablet.keyboard.press("Tab")
        assert tablet.evaluate("!!document.activeElement.closest('#early-stop')")


def test_an_accidental_yes_is_undone_with_one_tap(tablet, live_server, app):
    tablet.goto(live_server + "/")
    tap(tablet, "chest_pain", "no")
    tap(tablet, "leg_cold_or_pale", "yes")
    tablet.locator("#early-stop-no").tap()  # the one tap to undo
    assert tablet.locator("#early-stop").is_hidden()
    assert not tablet.locator("input[name=leg_cold_or_pale]:checked").count()
    assert tablet.locator("input[name=chest_pain][value=no]").is_checked()
    assert tablet.evaluate("document.activeElement.name") == "leg_cold_or_pale"
    assert tablet.url.endswith("/")
    # Asked again: answered "no" now, the form goes on.
    for name in ("short_of_breath", "fainted", "leg_cold_or_pale", "bladder_or_bowel_change"):
        tap(tablet, name, "no")
    go(tablet)
    assert "Step 2 of 6" in tablet.locator(".progress-text").inner_text()
    assert all_cases(app) == []


def test_escape_counts_as_no(tablet, live_server, app):
    tablet.goto(live_server + "/")
    tap(tablet, "bladder_or_bowel_change", "yes")
    tablet.keyboard.press("Escape")
    assert tablet.locator("#early-stop").is_hidden()
    assert not tablet.locator("input[name=bladder_or_bowel_change]:checked").count()
    assert all_cases(app) == []


# --- without scripting ---------------------------------------------------------------------


@pytest.fixture
def no_script(browser):
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_scripting_a_yes_stops_the_form_at_the_end_of_step_one(no_script, live_server, app):
    page = no_script
    page.goto(live_server + "/")
    assert page.locator("#early-stop").is_hidden()
    answer_by_touch(page, 0, dict(SELF_CARE, chest_pain="yes"))
    go(page)
    assert page.locator("h1").inner_text() == "Is this right?"
    assert "Do you have chest pain or a tight chest?" in page.locator(".early-stop-answers").inner_text()
    assert all_cases(app) == []
    go(page, "#early-stop-yes")
    assert page.locator("h1").inner_text() == "Get emergency help now"
    [case] = all_cases(app)
    assert case.early_stop and case.record == dict(
        {n: "no" for n in STEPS[0].names}, chest_pain="yes", language="en")


def test_the_is_this_right_page_has_big_targets_and_no_accessibility_problems(tablet, live_server):
    # (axe needs scripting: the page the server sends without it, reached with scripting on)
    tablet.goto(live_server + "/")
    tablet.evaluate("""() => {
      document.querySelectorAll('input[value=no]').forEach(input => { input.checked = true; });
      document.querySelector('input[name=chest_pain][value=yes]').checked = true;
    }""")
    go(tablet)
    assert tablet.locator("h1").inner_text() == "Is this right?"
    assert serious_problems(tablet) == [] and small_targets(tablet) == []


def test_without_scripting_no_asks_again(no_script, live_server, app):
    page = no_script
    page.goto(live_server + "/")
    answer_by_touch(page, 0, dict(SELF_CARE, fainted="yes"))
    go(page)
    go(page, "#early-stop-no")
    assert "Step 1 of 6" in page.locator(".progress-text").inner_text()
    assert not page.locator("input[name=fainted]:checked").count()
    assert page.locator("input[name=chest_pain][value=no]").is_checked()
    assert all_cases(app) == []


def test_without_scripting_the_pregnancy_follow_up_shows_with_its_line(no_script, live_server, app):
    page = no_script
    page.goto(live_server + "/")
    for index in range(5):
        answer_by_touch(page, index, dict(SELF_CARE, age_years=30))
        go(page)
    assert page.locator("#q-pregnancy_warning_signs").is_visible()
    assert page.locator("#pregnancy_warning_signs-only-if").inner_text() == (
        "Only if you are pregnant or had a baby in the last 6 weeks.")
    answer_by_touch(page, 5)
    tap(page, "pregnancy_warning_signs", "yes")  # not pregnant: not taken
    go(page)
    [case] = all_cases(app)
    assert case.record["pregnancy_warning_signs"] == "no" and case.emergency is False


# --- keyboard only -------------------------------------------------------------------------


def key_to(page, name, value=None, limit=80):
    """Tab until the focus is on a control of this question (this choice, for a checkbox)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("[document.activeElement.name, document.activeElement.value]")
        if focused[0] == name and (value is None or focused[1] == value):
            return
    raise AssertionError(f"the keyboard never reached {name}")


def answer_by_keyboard(page, index, values=SELF_CARE):
    for name in STEPS[index].names:
        if name not in values or not page.locator(f"#q-{name}").is_visible():
            continue
        value = values[name]
        if name in ("age_years", "preferred_name", "notes"):
            key_to(page, name)
            page.keyboard.type(str(value))
        elif isinstance(value, list):
            for one in value:
                key_to(page, name, one)
                page.keyboard.press("Space")
        else:
            key_to(page, name)
            options = page.locator(f"input[name={name}]").evaluate_all("els => els.map(e => e.value)")
            # The arrow keys choose within a group; the first choice needs Space.
            steps = options.index(str(value))
            page.keyboard.press("Space" if steps == 0 else "ArrowRight")
            for _ in range(steps - 1):
                page.keyboard.press("ArrowRight")
            assert page.locator(f"input[name={name}][value='{value}']").is_checked()


def test_the_whole_form_by_keyboard_alone(tablet, live_server, app):
    tablet.goto(live_server + "/")
    for index in range(len(STEPS)):
        answer_by_keyboard(tablet, index)
        key_to_next = ".step-nav .primary"
        for _ in range(40):
            if tablet.evaluate(f"document.activeElement === document.querySelector('{key_to_next}')"):
                break
            tablet.keyboard.press("Tab")
        # The focused button shows it has the focus.
        outline = tablet.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none"
        with tablet.expect_navigation():
            tablet.keyboard.press("Enter")
    assert tablet.url.endswith("/result")
    [case] = all_cases(app)
    assert case.record["age_years"] == 34 and case.disposition == "self-care"


def test_enter_in_the_age_box_means_next_not_a_language_switch(tablet, live_server):
    tablet.goto(live_server + "/")
    for index in range(4):
        answer_by_touch(tablet, index)
        go(tablet)
    tablet.locator("#age_years").tap()
    tablet.keyboard.type("34")
    tap(tablet, "patterns", "none")
    tablet.locator("#age_years").focus()
    with tablet.expect_navigation():
        tablet.keyboard.press("Enter")
    assert "Step 6 of 6" in tablet.locator(".progress-text").inner_text()
    assert tablet.locator("html").get_attribute("lang") == "en"


SIZES_LOADED = """() => Object.fromEntries(
  [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
    .map(e => [e.name, e.decodedBodySize]))"""


@pytest.mark.parametrize("kiosk", [False, True])
def test_the_page_is_light(make_app, serve_app, tablet, kiosk):
    """Every step with its CSS and script, under 60 KB (the fullest step: the last)."""
    base = serve_app(make_app(SCREENING_KIOSK=kiosk))
    tablet.goto(base + "/?lang=es")
    for index in range(len(STEPS)):
        sizes = tablet.evaluate(SIZES_LOADED)
        assert sum(sizes.values()) < 60 * 1024, sizes
        assert any(url.endswith(".css") for url in sizes) and any(url.endswith("intake.js") for url in sizes)
        assert any(url.endswith("kiosk.js") for url in sizes) is kiosk
        answer_by_touch(tablet, index)
        go(tablet)


@pytest.mark.parametrize("kind, record", [
    ("emergency", {"chest_pain": "yes"}),
    ("urgent", {"fever_or_chills": "yes"}),
    ("routine", {"varicose_veins": "yes"}),
    ("self-care", {}),
])
def test_result_pages_have_no_accessibility_problems_and_big_targets(tablet, live_server, kind, record):
    from tests.helpers import valid_record as base

    values = form_values(base(age_years=34, **record))
    tablet.goto(live_server + "/")
    if kind == "emergency":
        tap(tablet, "chest_pain", "yes")
        go(tablet, "#early-stop-yes")
    else:
        for index in range(len(STEPS)):
            answer_by_touch(tablet, index, values)
            go(tablet)
    assert tablet.locator(f".outcome-{kind}").is_visible()
    assert serious_problems(tablet) == [] and small_targets(tablet) == []
    assert re.search(r"[A-Z0-9]{6}", tablet.locator(".reference").inner_text())
