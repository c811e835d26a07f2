"""A clinician's lower level, and the emergency's reasons (contract sections 3 and 5, revision 6).

Each public vignette whose rules gave `urgent` (emergency or not) or `routine` is
stored, then lowered by a clinician to each lower level in turn. Its handout (the
PDF the patient's page serves) and its result page must hold no sentence of a
higher tier than the clinician's: no reason of a higher tier, none of the "what to
do now" lines of a higher level, and outside the warning signs (which keep their
groups) no "today", "before you go" or "tell staff now" on a home-care or
book-a-visit handout, and no promised visit on a home-care one.
"""
import html
import re

import pytest

from screening.handout.content import text
from screening.triage.contract import SEVERITY as LEVELS
from screening.triage.rules import RULES_BY_ID, triage
from tests.handout_helpers import pdf_pages_and_text, squash, with_language
from tests.helpers import VIGNETTES
from tests.test_handout_web import review, stored

KINDS = ("self-care", "routine", "urgent", "emergency")
# The "what to do now" blocks of each level (handout.now keys).
NOW_OF = {"emergency": ("emergency",), "urgent": ("urgent", "urgent_seated"), "routine": ("routine",)}
# Sentences of a level above home care or book a visit, outside the warning signs.
SAME_DAY = {"en": (r"\btoday\b", r"before you go", r"tell the staff now", r"front desk now", r"while you wait"),
            "es": (r"\bhoy\b", r"antes de que se vaya", r"avise ahora al personal", r"ahora en la recepción",
                   r"mientras espera")}
# A visit promised on a home-care handout.
A_VISIT = {"en": (r"book a visit", r"will look at it with you", r"will talk with you", r"plan your care"),
           "es": (r"pida una cita", r"pedir una cita", r"lo revisará con usted", r"hablará con usted",
                  r"planeará su cuidado")}

LOWERED = [(v["name"], kind) for v in VIGNETTES
           for kind in KINDS[:LEVELS["emergency" if v["expected"]["emergency"] else v["expected"]["disposition"]]]
           if v["expected"]["disposition"] in ("urgent", "routine")]


def level_of(kind):
    return LEVELS[kind]


def outside_warnings(got, language):
    """The handout's text without its warning-signs block (which keeps every group)."""
    words = text(language)
    start = got.find(words["warning_heading"])
    if start < 0:
        return got
    ends = [got.find(words[k], start) for k in ("avoid_heading", "relief_heading", "medicines_heading",
                                                 "expect_heading", "prevention_heading")]
    end = min([e for e in ends if e > start] or [len(got)])
    return got[:start] + got[end:]


def page_text(page):
    """The result page's words, without the handout's own "book a visit" group it quotes."""
    page = re.sub(r'<p class="soon-heading">.*?</ul>', " ", page, flags=re.S)
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return squash(html.unescape(re.sub(r"<[^>]+>", " ", page)))


def higher_tier_sentences(result, kind, language):
    """Every sentence the rules and the handout give only at a level above `kind`."""
    words = text(language)
    above = [k for k in KINDS if LEVELS[k] > LEVELS[kind]]
    found = [r.patient_reason for r in result.rules if LEVELS[r.tier] > LEVELS[kind]]
    for k in above:
        found += [words["disposition"][k]]
        for now in NOW_OF.get(k, ()):
            found += [line for line in words["now"][now] if "{" not in line]
    if LEVELS[kind] < LEVELS["urgent"]:
        found.append(words["while_waiting"])
    return [squash(s) for s in found]


def assert_no_higher_tier(got, result, kind, language, where):
    for sentence in higher_tier_sentences(result, kind, language):
        assert sentence not in got, f"{where}: {sentence}"
    patterns = SAME_DAY[language] if LEVELS[kind] < LEVELS["urgent"] else ()
    patterns += A_VISIT[language] if kind == "self-care" else ()
    for pattern in patterns:
        assert not re.search(pattern, got, re.IGNORECASE), f"{where}: {pattern!r} in {got}"


@pytest.mark.parametrize("name, kind", LOWERED, ids=[f"{n}-to-{k}" for n, k in LOWERED])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_lowered_case_holds_no_sentence_of_a_higher_tier(client, app, name, kind, language):
    record = with_language(next(v["record"] for v in VIGNETTES if v["name"] == name), language)
    result = triage(record)
    token, _ = stored(app, record, result)
    review(app, token, disposition=kind, emergency=False, reason="Seen and examined.")
    with client.session_transaction() as browser:  # this browser sent it
        browser["screening_result"] = token
    words = text(language)
    handout = squash(pdf_pages_and_text(client.get("/result/handout.pdf").data)[1])
    assert words["disposition"][kind] in handout
    assert_no_higher_tier(outside_warnings(handout, language), result, kind, language, "handout")
    # The reasons at or below the clinician's level stay; "checked" stands for the rest.
    for rule in result.rules:
        assert (squash(rule.patient_reason) in handout) == (LEVELS[rule.tier] <= LEVELS[kind]), rule.id
    assert words["checked"] in handout
    page = page_text(client.get("/result").get_data(as_text=True))
    assert_no_higher_tier(page, result, kind, language, "result page")
    assert words["checked"] in page


def test_the_lowered_cases_cover_every_step_down():
    steps = {(("emergency" if v["expected"]["emergency"] else v["expected"]["disposition"]), kind)
             for v in VIGNETTES for n, kind in LOWERED if n == v["name"]}
    assert steps == {("emergency", "urgent"), ("emergency", "routine"), ("emergency", "self-care"),
                     ("urgent", "routine"), ("urgent", "self-care"), ("routine", "self-care")}


def test_the_search_for_higher_tier_words_can_fail():
    record = with_language(next(v["record"] for v in VIGNETTES if v["expected"]["disposition"] == "urgent"
                                and not v["expected"]["emergency"]), "en")
    result = triage(record)
    with pytest.raises(AssertionError):
        assert_no_higher_tier(squash(" ".join(r.patient_reason for r in result.rules)), result, "routine", "en", "x")
    with pytest.raises(AssertionError):
        assert_no_higher_tier("You will be seen today.", result, "routine", "en", "x")


# --- the emergency: its reasons only ----------------------------------------------------------------

EMERGENCIES = [v for v in VIGNETTES if v["expected"]["emergency"]]


@pytest.mark.parametrize("name", [v["name"] for v in EMERGENCIES])
@pytest.mark.parametrize("language", ["en", "es"])
def test_an_emergency_handout_and_page_give_emergency_reasons_only(client, app, name, language):
    record = with_language(next(v["record"] for v in EMERGENCIES if v["name"] == name), language)
    result = triage(record)
    token, _ = stored(app, record, result)
    with client.session_transaction() as browser:
        browser["screening_result"] = token
    handout = squash(pdf_pages_and_text(client.get("/result/handout.pdf").data)[1])
    page = page_text(client.get("/result").get_data(as_text=True))
    for got in (handout, page):
        for rule in result.rules:
            assert (squash(rule.patient_reason) in got) == (rule.tier == "emergency"), rule.id
        for pattern in SAME_DAY[language][:2]:  # never "today" or "before you go" beside "now"
            assert not re.search(pattern, got, re.IGNORECASE), pattern


def test_an_emergency_with_no_emergency_rule_says_a_clinician_checked():
    """A clinician's upgrade to an emergency: the rules gave no emergency reason to print."""
    from screening.handout.sections import choose_sections
    from screening.triage.rules import RULES_VERSION, TriageResult, explain

    record = with_language(VIGNETTES[0]["record"], "en")
    urgent = explain(RULES_BY_ID["clot-risk-high"], record, "en")
    plan = choose_sections(record, TriageResult("urgent", True, (urgent,), RULES_VERSION))
    assert plan.reasons == () and plan.checked and plan.now == "emergency"
