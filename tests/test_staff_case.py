"""The case page: every answer in the form's words, the rules' and the clinician's decisions, prints."""
import io
import re

import pytest
from markupsafe import escape
from pypdf import PdfReader

from screening.staff import answers
from screening.intake.forms import QUESTIONS
from screening.store import cases
from screening.triage.contract import FIELDS
from screening.web.state import state
from tests.staff_helpers import (
    LEVEL_RECORDS, audit_rows, base_record, csrf_of, early_stop_record, signed_in_client, store,
)


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages)


def reloaded(app, case):
    with state(app).sessions() as session:
        return cases.find_by_reference(session, case.reference)


def decide(client, case, **form):
    token = csrf_of(client, f"/staff/case/{case.reference}")
    return client.post(f"/staff/case/{case.reference}/decision", data={"csrf_token": token, **form})


def test_every_answer_reads_with_the_forms_question_and_the_chosen_words(app):
    case = store(app, base_record(**LEVEL_RECORDS["urgent"], notes="Pain began on the plane home"))
    page = signed_in_client(app, "clinician").get(f"/staff/case/{case.reference}").get_data(as_text=True)
    for name in FIELDS:
        if name != "language":
            assert str(escape(str(answers.question_of(name)))) in page, name
    assert "Front of the thigh, Back of the thigh" in page
    assert "Pain began on the plane home" in page
    assert case.rules_version in page and "possible-clot-or-infection" in page
    assert "Left empty" in page  # the optional name, seen and skipped


def test_an_early_stop_shows_what_was_answered_and_marks_the_rest_not_asked(app):
    case = store(app, early_stop_record(), early_stop=True)
    page = signed_in_client(app, "clinician").get(f"/staff/case/{case.reference}").get_data(as_text=True)
    assert "Early stop." in page
    asked = page[page.index(str(escape(str(QUESTIONS["chest_pain"])))):]
    assert re.match(r".*?<dd>.*?Yes</dd>", asked, re.S)
    assert page.count("Not asked") == len(FIELDS) - 2  # all but chest pain and the form's language
    assert "chest-or-breathing" in page


def shown_answer(page, name):
    """The words shown beside one question on the case page."""
    after = page[page.index(str(escape(str(answers.question_of(name))))):]
    return re.match(r".*?<dd[^>]*>\s*(.*?)\s*</dd>", after, re.S).group(1)


def shows_the_injured_man_as_asked(page):
    """A 62-year-old man after a fall: never asked about pregnancy or overuse, asked how he walks."""
    for name in ("pregnant_or_postpartum", "pregnancy_warning_signs", "overuse_warning", "known_problem",
                 "foot_wound"):
        assert "Not asked" in shown_answer(page, name), name
    assert shown_answer(page, "walking") == "Limps, walks slower, or now uses a stick"


def test_questions_the_form_did_not_ask_read_not_asked_never_no(app):
    # A 62-year-old man after a fall: never asked about pregnancy, asked how he walks.
    record = base_record(age_years=62, triggers=["injury"], walking="limping", pregnant_or_postpartum="no",
                         pregnancy_warning_signs="no", overuse_warning="not_asked")
    case = store(app, record)
    client = signed_in_client(app, "clinician")
    page = client.get(f"/staff/case/{case.reference}").get_data(as_text=True)
    shows_the_injured_man_as_asked(page)
    young = store(app, base_record(age_years=30, pregnant_or_postpartum="no", foot_wound="yes"))
    page = client.get(f"/staff/case/{young.reference}").get_data(as_text=True)
    assert shown_answer(page, "pregnant_or_postpartum").endswith("No")
    assert "Yes" in shown_answer(page, "foot_wound")


def test_the_staff_read_the_answers_in_their_own_language(app):
    case = store(app, base_record())
    client = signed_in_client(app, "clinician")
    spanish = client.get(f"/staff/case/{case.reference}?lang=es").get_data(as_text=True)
    assert "¿Qué tan fuerte es el dolor ahora?" in spanish and "Las dos piernas" in spanish
    assert "Resultado de las reglas" in spanish and "Sin revisar todavía" in spanish
    assert "How bad is the pain" not in spanish and "Not reviewed yet" not in spanish
    # The choice is remembered for the next page.
    queue = client.get("/staff/").get_data(as_text=True)
    assert '<html lang="es">' in queue and "Casos de hoy" in queue


def test_mark_reviewed_keeps_the_rules_result_and_is_audited_once(app):
    case = store(app, base_record(**LEVEL_RECORDS["routine"]))
    client = signed_in_client(app, "clinician")
    token = csrf_of(client, f"/staff/case/{case.reference}")
    assert client.post(f"/staff/case/{case.reference}/reviewed", data={"csrf_token": token}).status_code == 303
    stored = reloaded(app, case)
    assert stored.reviewed_by == "Clinician Person" and stored.clinician_disposition is None
    assert stored.final_disposition == "routine"
    assert len(audit_rows(app, action="review")) == 1
    page = client.get(f"/staff/case/{case.reference}").get_data(as_text=True)
    assert "Reviewed by Clinician Person" in page


def test_another_disposition_needs_a_reason_and_nothing_half_done_is_stored(app):
    case = store(app, base_record(**LEVEL_RECORDS["routine"]))
    client = signed_in_client(app, "clinician")
    response = decide(client, case, level="urgent", reason="   ")
    assert response.status_code == 400
    assert "Please give the reason for your decision." in response.get_data(as_text=True)
    assert reloaded(app, case).reviewed_at is None
    assert not audit_rows(app, action="override")


def test_a_lower_level_asks_for_a_second_confirmation(app):
    case = store(app, base_record(**LEVEL_RECORDS["urgent"]))
    client = signed_in_client(app, "clinician")
    reason = "Swelling is only round the ankle sprained on Sunday"
    first = decide(client, case, level="routine", reason=reason)
    page = first.get_data(as_text=True)
    assert first.status_code == 400 and "This is lower than the rules gave" in page
    assert reason in page  # the reason typed is kept
    assert reloaded(app, case).reviewed_at is None
    assert decide(client, case, level="routine", reason=reason, confirm_lower="y").status_code == 303
    stored = reloaded(app, case)
    assert (stored.disposition, stored.clinician_disposition, stored.clinician_reason) == ("urgent", "routine", reason)
    assert [r.detail for r in audit_rows(app, action="override")] == ["urgent -> routine"]
    page = client.get(f"/staff/case/{case.reference}").get_data(as_text=True)
    rules, clinician = page.split("Clinician&#39;s decision")[0], page.split("Clinician&#39;s decision")[1]
    assert "level-urgent" in rules.split("The rules&#39; result")[1]
    assert "level-routine" in clinician and reason in clinician


def test_a_higher_level_needs_no_confirmation(app):
    case = store(app, base_record(**LEVEL_RECORDS["routine"]))
    client = signed_in_client(app, "clinician")
    assert decide(client, case, level="emergency", reason="Calf hot and tense on examination").status_code == 303
    stored = reloaded(app, case)
    assert (stored.clinician_disposition, stored.clinician_emergency, stored.severity) == ("urgent", True, 3)


def test_the_reprint_follows_the_clinicians_disposition(app):
    case = store(app, base_record(**LEVEL_RECORDS["urgent"]))
    client = signed_in_client(app, "clinician")
    before, _pages = pdf_text(client.get(f"/staff/case/{case.reference}/handout.pdf").data)
    assert "needs to see you today" in before
    decide(client, case, level="routine", reason="Examined: old sprain", confirm_lower="y")
    front_desk = signed_in_client(app, "front-desk", username="desk")
    after, _pages = pdf_text(front_desk.get(f"/staff/case/{case.reference}/handout.pdf").data)
    assert "Please book a visit in the next few days" in after and "needs to see you today" not in after
    assert len(audit_rows(app, action="print")) == 2


def test_an_early_stop_lowered_by_a_clinician_gets_no_relief_handout(app):
    case = store(app, early_stop_record(), early_stop=True)
    client = signed_in_client(app, "clinician")
    decide(client, case, level="routine", reason="Chest pain was heartburn, settled", confirm_lower="y")
    page = client.get(f"/staff/case/{case.reference}").get_data(as_text=True)
    assert "No handout for this early stop" in page
    assert client.get(f"/staff/case/{case.reference}/handout.pdf").status_code == 404


def test_the_staff_summary_is_one_page_with_answers_reasons_notes_and_both_decisions(app):
    case = store(app, base_record(**LEVEL_RECORDS["urgent"], notes="Flew in from Lima on Monday"))
    client = signed_in_client(app, "clinician")
    decide(client, case, level="emergency", reason="Calf tender along the vein")
    response = client.get(f"/staff/case/{case.reference}/summary.pdf")
    assert response.mimetype == "application/pdf"
    text, pages = pdf_text(response.data)
    assert pages == 1
    for words in (case.reference, "Flew in from Lima on Monday", "Calf tender along the vein",
                  "possible-clot-or-infection", "Urgent", "Emergency", "Clinician Person", case.rules_version):
        assert words in text, words
    assert len(audit_rows(app, action="summary")) == 1


@pytest.mark.parametrize("paper,size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_the_staff_summary_is_printed_on_the_clinics_paper(make_app, paper, size):
    app = make_app(SCREENING_HANDOUT_PAPER=paper)
    case = store(app, base_record(**LEVEL_RECORDS["emergency"]))
    staff = signed_in_client(app, "clinician").get(f"/staff/case/{case.reference}/summary.pdf").data
    # The emergency result page's copy too.
    from tests.helpers import csrf_token, form_data

    patient = app.test_client()
    patient.post("/", data=form_data(base_record(**LEVEL_RECORDS["emergency"]), csrf_token(patient)))
    for pdf in (staff, patient.get("/result/staff-summary.pdf").data):
        reader = PdfReader(io.BytesIO(pdf))
        assert [(round(p.mediabox.width), round(p.mediabox.height)) for p in reader.pages] == [size]


def test_the_emergency_result_pages_staff_link_prints_the_staff_summary(app):
    from tests.helpers import csrf_token, form_data

    patient = app.test_client()
    patient.post("/", data=form_data(base_record(**LEVEL_RECORDS["emergency"]), csrf_token(patient)))
    page = patient.get("/result").get_data(as_text=True)
    link = re.search(r'href="([^"]+)"[^>]*>Print a page for the staff', page).group(1)
    # Shown inside a page with Done (never a bare PDF viewer on the tablet).
    shown = patient.get(link).get_data(as_text=True)
    assert "A page for the staff" in shown and 'src="/result/staff-summary.pdf' in shown
    text, pages = pdf_text(patient.get("/result/staff-summary.pdf").data)
    reference = re.search(r'class="reference">([A-Z0-9]{6})<', page).group(1)
    assert pages == 1 and "Staff summary" in text and reference in text and "chest-or-breathing" in text
    assert [r.detail for r in audit_rows(app, action="summary")] == ["printed from the emergency result page"]
    # Not for a calm case, nor for a browser that did not send the form.
    calm = app.test_client()
    calm.post("/", data=form_data(base_record(), csrf_token(calm)))
    assert calm.get("/result/staff-summary.pdf").status_code == 404
    assert app.test_client().get("/result/staff-summary.pdf").status_code == 404


def test_red_flag_answers_other_than_no_stand_out(app):
    case = store(app, base_record(fever_or_chills="unsure", one_leg_swollen="yes"))
    page = signed_in_client(app, "clinician").get(f"/staff/case/{case.reference}").get_data(as_text=True)
    notable = re.findall(r'<div class="answer notable">\s*<dt>([^<]+)</dt>', page)
    assert [str(escape(str(QUESTIONS[name]))) for name in ("one_leg_swollen", "fever_or_chills")] == notable


def test_the_front_desk_sees_the_patients_reasons_and_clinicians_see_both(app):
    """Issue 21, finding 9: the front desk read the rules' clinical reasons and
    the clinician's own free-text reason for an override."""
    case = store(app, base_record(**LEVEL_RECORDS["urgent"]))
    clinician = signed_in_client(app, "clinician")
    override = "Calf tender along the deep vein; D-dimer ordered"
    assert decide(clinician, case, level="emergency", reason=override).status_code == 303
    fired = reloaded(app, case).fired
    assert fired
    desk = signed_in_client(app, "front-desk")
    for client, clinical in ((desk, False), (clinician, True)):
        page = client.get(f"/staff/case/{case.reference}").get_data(as_text=True)
        queue = client.get("/staff/").get_data(as_text=True)
        for rule in fired:
            assert str(escape(rule.patient_reason)) in page
            assert (str(escape(rule.clinician_reason)) in page) == clinical
            assert str(escape(rule.clinician_reason)) not in queue
        assert (str(escape(override)) in page) == clinical
        assert str(escape(override)) not in queue
    # In the staff member's language too: a Spanish page keeps the same split.
    page = desk.get(f"/staff/case/{case.reference}?lang=es").get_data(as_text=True)
    assert str(escape(override)) not in page and str(escape(fired[0].clinician_reason)) not in page


def test_a_record_sent_through_the_form_reads_not_asked_for_what_the_form_skipped(app):
    from tests.helpers import all_cases, send_in_steps

    # The whole path: the patient's form records what it did not ask, the staff page reads it.
    man = base_record(age_years=62, triggers=["injury"], walking="limping")
    woman = base_record(age_years=30, pregnant_or_postpartum="no")
    for record in (man, woman):
        assert send_in_steps(app.test_client(), record)[-1].status_code in (200, 303)
    sent_man, sent_woman = all_cases(app)
    client = signed_in_client(app, "clinician")
    page = client.get(f"/staff/case/{sent_man.reference}").get_data(as_text=True)
    shows_the_injured_man_as_asked(page)
    page = client.get(f"/staff/case/{sent_woman.reference}").get_data(as_text=True)
    assert shown_answer(page, "pregnant_or_postpartum").endswith("No")
    assert "Not asked" in shown_answer(page, "pregnancy_warning_signs")
