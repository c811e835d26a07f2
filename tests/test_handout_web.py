"""The handout from the result page: on screen inside a page of its own
(never a bare PDF viewer), on the clinic's paper. Printing at the front
desk's printer is in tests/test_printing.py."""
import re

import pytest

from screening.web.state import state
from tests.handout_helpers import pdf_pages_and_text, squash
from tests.helpers import all_cases, csrf_token, form_data, valid_record, vignette


def result_page(client, record, form_path="/"):
    response = client.post("/", data=form_data(record, csrf_token(client, form_path)))
    location = response.headers["Location"]
    return location, client.get(location).get_data(as_text=True)


def handout_links(page):
    return [link.replace("&amp;", "&") for link in re.findall(r'href="([^"]*/handout[^"]*)"', page)]


def test_result_page_offers_the_handout_on_screen_and_in_large_type_but_no_paper_choice(client):
    _, page = result_page(client, valid_record())
    assert handout_links(page) == ["/result/handout", "/result/handout?size=large"]
    assert "handout.pdf" not in page and "paper" not in page.lower() and 'target="_blank"' not in page
    handout = client.get("/result/handout?size=large").get_data(as_text=True)
    assert re.search(r'<iframe class="handout-frame" src="/result/handout.pdf\?size=large"', handout)
    assert re.search(r'<a class="button" href="/result">Done</a>', handout)


def test_kiosk_handout_page_keeps_the_idle_reset_and_done_goes_to_the_start(make_app):
    client = make_app(SCREENING_KIOSK=True).test_client()
    result_page(client, valid_record(language="es"), form_path="/?lang=es")
    page = client.get("/result/handout").get_data(as_text=True)
    assert 'data-kiosk-home="/start?lang=es"' in page and "kiosk.js" in page
    assert re.search(r'<a class="button" href="/start\?lang=es" data-kiosk-replace>Terminé</a>', page)


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_printed_handout_is_a_pdf_for_this_patient_on_the_clinics_paper(make_app, paper):
    client = make_app(SCREENING_HANDOUT_PAPER=paper).test_client()
    location, _ = result_page(client, valid_record(preferred_name="Ana María"))
    # A patient cannot ask for another paper.
    response = client.get(f"{location}/handout.pdf?paper={'letter' if paper == 'a4' else 'a4'}")
    assert response.status_code == 200
    from pypdf import PdfReader
    import io

    width = float(PdfReader(io.BytesIO(response.data)).pages[0].mediabox.width)
    assert round(width) == (595 if paper == "a4" else 612)
    assert response.mimetype == "application/pdf"
    assert response.headers["Cache-Control"] == "no-store"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("inline;") and "Ana" not in disposition
    pages, text = pdf_pages_and_text(response.data)
    assert 1 <= pages <= 2
    assert "Riverside Clinic" in squash(text) and "Ana María" in squash(text)


def test_spanish_case_prints_a_spanish_handout(client):
    location, _ = result_page(client, valid_record(language="es"))
    _, text = pdf_pages_and_text(client.get(location + "/handout.pdf").data)
    assert "Señales de alarma" in text or "señales de alarma" in text.lower()


def test_emergency_case_prints_the_bare_handout(client):
    location, page = result_page(client, vignette("breathless-with-leg-pain")["record"])
    assert "Print a page for the staff" in page
    _, text = pdf_pages_and_text(client.get(location + "/handout.pdf").data)
    assert "stretch" not in text.lower()


def test_reprint_is_served_from_the_cache(client, app):
    location, _ = result_page(client, valid_record())
    cache = state(app).handouts
    first = client.get(location + "/handout.pdf").data
    second = client.get(location + "/handout.pdf").data
    assert first == second
    assert (cache.misses, cache.hits) == (1, 1)


def test_no_case_no_handout(client, app):
    assert client.get("/result/handout.pdf").status_code == 404
    assert client.get("/result/handout").status_code == 404
    result_page(client, valid_record())
    assert app.test_client().get("/result/handout.pdf").status_code == 404  # another browser


def test_configured_emergency_number_is_printed(make_app):
    app = make_app(SCREENING_EMERGENCY_NUMBER="112")
    client = app.test_client()
    location, page = result_page(client, vignette("breathless-with-leg-pain")["record"])
    assert "call 112 now" in page
    assert "call 112 now" in squash(pdf_pages_and_text(client.get(location + "/handout.pdf").data)[1])


# --- cases stored before contract revision 5 --------------------------------------------


def store_revision_4_case(client, app, changes, rule_ids, disposition, emergency=False):
    """A case as revision 4 stored it: its record has no `fainted` and no
    `pregnancy_warning_signs` (not asked then); the client's result."""
    from screening.store.models import Case, FiredRule, new_reference, new_token, severity_of
    from screening.triage.rules import RULES_BY_ID, explain

    record = dict(valid_record(**changes), language=changes.get("language", "en"))
    del record["fainted"], record["pregnancy_warning_signs"]
    # Worded as migration 0002 words the rules of a case stored before it.
    fired = [explain(RULES_BY_ID[rule_id], record, record["language"]) for rule_id in rule_ids]
    case = Case(token=new_token(), reference=new_reference(), record=record, language=record["language"],
                disposition=disposition, emergency=emergency, rule_ids=rule_ids, rules_version="2026.11+0123456789",
                severity=severity_of(disposition, emergency),
                fired=[FiredRule(position=i, rule_id=r.id, tier=r.tier, clinician_reason=r.clinician_reason,
                                 patient_reason=r.patient_reason) for i, r in enumerate(fired)])
    with state(app).sessions.begin() as session:
        session.add(case)
    with client.session_transaction() as browser:
        browser["screening_result"] = case.token
    return "/result"


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_revision_4_case_with_an_unsure_answer_still_shows_and_prints(client, app, language):
    location = store_revision_4_case(client, app, {"dark_urine": "unsure", "language": language}, ["unsure-red-flag"], "urgent")
    page = client.get(location)
    assert page.status_code == 200
    assert ("dark urine" if language == "en" else "orina oscura") in page.get_data(as_text=True)
    response = client.get(location + "/handout.pdf")
    assert response.status_code == 200
    pages, text = pdf_pages_and_text(response.data)
    assert 1 <= pages <= 2 and ("dark urine" if language == "en" else "orina oscura") in squash(text)


def test_a_revision_4_pregnancy_case_prints_its_warnings(client, app):
    location = store_revision_4_case(client, app, {"pregnant_or_postpartum": "yes"}, ["clot-risk"], "routine")
    assert client.get(location).status_code == 200
    text = squash(pdf_pages_and_text(client.get(location + "/handout.pdf").data)[1])
    assert "flashing lights" in text and "nearly faint" in text


def test_a_revision_4_decision_is_shown_as_it_was_made(client, app):
    # Revision 4 fired sudden-nerve-loss at any duration; the stored case keeps its emergency.
    location = store_revision_4_case(client, app, {"onset": "sudden", "duration": "4_7_days", "leg_weakness": "yes"},
                                     ["sudden-nerve-loss", "nerve-symptoms"], "urgent", emergency=True)
    page = client.get(location).get_data(as_text=True)
    assert "Get emergency help now" in page
    assert client.get(location + "/handout.pdf").status_code == 200


# --- the stored case: reference, early stop, the clinician's decision --------------------------------


def stored(app, record, result, early_stop=False):
    from screening.store import cases

    with state(app).sessions() as session:
        case = cases.save_case(session, record, result, early_stop=early_stop)
        return case.token, case.reference


def review(app, token, **decision):
    from screening.store import cases

    with state(app).sessions() as session:
        cases.record_review(session, cases.find_case(session, token), by="Dr Test", **decision)


def test_the_handout_prints_the_case_reference(client, app):
    location, _ = result_page(client, valid_record())
    text = squash(pdf_pages_and_text(client.get(location + "/handout.pdf").data)[1])
    reference = all_cases(app)[-1].reference
    assert f"Your case number: {reference}" in text


@pytest.mark.parametrize("disposition", ["routine", "self-care"])
def test_an_early_stop_never_prints_relief_even_after_a_clinician_lowers_it(client, app, disposition):
    from screening.triage.rules import RULES_BY_ID, RULES_VERSION, TriageResult, explain

    record = {"chest_pain": "yes", "language": "en"}
    result = TriageResult("urgent", True, (explain(RULES_BY_ID["chest-or-breathing"], record, "en"),), RULES_VERSION)
    token, _ = stored(app, record, result, early_stop=True)
    with client.session_transaction() as browser:  # as if this browser had sent it
        browser["screening_result"] = token
    emergency = squash(pdf_pages_and_text(client.get("/result/handout.pdf").data)[1])
    assert "You need emergency care now" in emergency and "Warning signs" not in emergency
    review(app, token, disposition=disposition, reason="Seen: muscular chest wall pain.")
    lowered = squash(pdf_pages_and_text(client.get("/result/handout.pdf").data)[1])
    assert ("Please book a visit" if disposition == "routine" else "You can care for your leg at home") in lowered
    for heading in ("Things that can help", "Medicines for pain", "What to expect", "Stop it coming back"):
        assert heading not in lowered
    assert "Warning signs: when to get help" in lowered


def test_the_handout_follows_the_clinicians_disposition(client, app):
    location, _ = result_page(client, vignette("ache-getting-worse")["record"])
    token = all_cases(app)[-1].token
    before = squash(pdf_pages_and_text(client.get(location + "/handout.pdf").data)[1])
    assert "Please book a visit" in before and "Things that can help" in before
    review(app, token, disposition="urgent", reason="Worse on examination.")
    after = squash(pdf_pages_and_text(client.get(location + "/handout.pdf").data)[1])
    assert "A nurse or doctor needs to see you today" in after
    assert "Things that can help" not in after and "Medicines for pain" not in after
    from screening.triage.rules import triage
    from screening.triage.validation import validate

    reason = triage(validate(vignette("ache-getting-worse")["record"])).rules[0].patient_reason
    assert squash(reason) in after  # the rules' reasons stay
