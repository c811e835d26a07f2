"""Exports (contract section 6): the Questionnaire, a Bundle per case, the API with keys, CSV."""
import csv
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.codesystem import CodeSystem
from fhir.resources.R4B.questionnaire import Questionnaire
from flask_babel import force_locale

from screening.export import fhir, table
from screening.staff.exports import NOT_A_DATE, REVERSED
from screening.store import cases
from screening.triage.contract import FIELDS, FOLLOW_UPS
from screening.triage.rules import RULES
from screening.triage.rules import triage
from screening.triage.validation import validate
from screening.web.state import state
from tests.helpers import VIGNETTES, VIGNETTE_IDS
from tests.staff_helpers import (
    LEVEL_RECORDS, all_references, audit_rows, base_record, csrf_of, early_stop_record, fit, make_user, sign_in,
    signed_in_client, store, store_at,
)

BASE = "https://clinic.example.org/screening/fhir"
KEY = "s3cret-key-of-the-ehr-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture
def exporting(make_app):
    return make_app(SCREENING_FHIR_BASE=BASE, SCREENING_API_KEYS={"ehr": KEY}, SCREENING_TIMEZONE="America/Chicago")


def resources(bundle):
    return [entry.resource for entry in bundle.entry]


def test_the_questionnaire_is_served_at_its_canonical_url_and_validates(exporting):
    response = exporting.test_client().get("/fhir/Questionnaire/leg-soreness-intake")
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    questionnaire = Questionnaire.model_validate_json(response.data)
    assert questionnaire.url == f"{BASE}/Questionnaire/leg-soreness-intake"
    assert (questionnaire.version, questionnaire.status) == (fhir.CONTRACT_REVISION, "active")
    items = {item.linkId: item for item in questionnaire.item}
    assert list(items) == list(FIELDS)
    for name, field in FIELDS.items():
        item = items[name]
        assert item.type == {"integer": "integer", "text": "string"}.get(field.kind, "choice")
        assert bool(item.repeats) == (field.kind == "choices")
        if field.kind in ("choice", "choices"):
            # not_asked records that there was no question: never an option to choose.
            assert [o.valueCoding.code for o in item.answerOption] == [c for c in field.choices if c != "not_asked"]
            assert {o.valueCoding.system for o in item.answerOption} == {f"{BASE}/CodeSystem/leg-soreness"}
            assert all(o.valueCoding.display for o in item.answerOption)
        else:
            assert not item.answerOption
    assert not any(items[name].required for name in FOLLOW_UPS)


def test_the_codesystems_are_served_at_their_canonical_urls_and_hold_every_code_used(exporting):
    client = exporting.test_client()
    answers = CodeSystem.model_validate_json(client.get("/fhir/CodeSystem/leg-soreness").data)
    rules = CodeSystem.model_validate_json(client.get("/fhir/CodeSystem/leg-soreness-rule").data)
    assert answers.url == f"{BASE}/CodeSystem/leg-soreness" and rules.url == f"{BASE}/CodeSystem/leg-soreness-rule"
    assert {answers.content, rules.content} == {"complete"}
    answer_codes = [c.code for c in answers.concept]
    rule_codes = [c.code for c in rules.concept]
    assert len(set(answer_codes)) == len(answer_codes) == answers.count
    assert rule_codes == [rule.id for rule in RULES] and rules.count == len(RULES)
    questionnaire = Questionnaire.model_validate_json(client.get("/fhir/Questionnaire/leg-soreness-intake").data)
    options = {o.valueCoding.code for item in questionnaire.item for o in item.answerOption or ()}
    assert options <= set(answer_codes) and "not_asked" not in answer_codes
    assert {"urgent", "routine", "self-care", "emergency", "triage", "clinician-review"} <= set(answer_codes)
    # The known_problem answer `joint` and the rule `joint` live in different systems.
    assert "joint" in answer_codes and "joint" in rule_codes


def test_a_follow_up_not_asked_is_left_out_of_the_response_and_needs_help_is_an_answer(exporting):
    record = validate(base_record(age_years=84, triggers=["injury"], locations=["hip_buttock"],
                                  cannot_bear_weight="yes", walking="needs_help"))
    case = store(exporting, record)
    response, observation = resources(bundle_of(exporting, case))
    answered = {item.linkId: item for item in response.item}
    assert answered["walking"].answer[0].valueCoding.code == "needs_help"
    assert not {"overuse_warning", "known_problem", "foot_wound"} & set(answered)
    assert validate(fhir.record_from_response(response.model_dump(mode="json"))) == record
    rule_codings = [c.code.coding[0] for c in observation.component if c.code.coding[0].code != "emergency"]
    assert {coding.system for coding in rule_codings} == {f"{BASE}/CodeSystem/leg-soreness-rule"}
    assert "possible-hip-fracture" in [coding.code for coding in rule_codings]


def bundle_of(app, case):
    with app.test_request_context():
        from screening.web.exporting import fhir_base

        with state(app).sessions() as session:
            stored = cases.find_by_reference(session, case.reference)
            return Bundle.model_validate(fhir.case_bundle(fhir_base(), stored))


@pytest.mark.parametrize("name", VIGNETTE_IDS)
def test_every_vignettes_bundle_validates_and_its_answers_give_the_same_triage(exporting, name):
    record = validate(fit(next(v for v in VIGNETTES if v["name"] == name)["record"]))
    case = store(exporting, record)
    bundle = bundle_of(exporting, case)
    assert bundle.type == "collection"
    response, observation = resources(bundle)
    assert response.identifier.system == f"{BASE}/case-reference" and response.identifier.value == case.reference
    assert case.token not in bundle.model_dump_json()
    assert response.questionnaire == f"{BASE}/Questionnaire/leg-soreness-intake|{fhir.CONTRACT_REVISION}"
    assert response.status == "completed" and response.authored.utcoffset() is not None
    read_back = validate(fhir.record_from_response(response.model_dump(mode="json")))
    assert read_back == record
    again = triage(read_back)
    assert observation.valueCodeableConcept.coding[0].code == again.disposition
    components = {c.code.coding[0].code: c for c in observation.component}
    assert components["emergency"].valueBoolean == again.emergency
    assert [code for code in components if code != "emergency"] == again.rule_ids
    assert observation.derivedFrom[0].reference == bundle.entry[0].fullUrl
    assert bundle.entry[0].fullUrl.startswith("urn:uuid:")
    assert case.rules_version in observation.method.text


def test_an_early_stops_bundle_is_stopped_with_only_what_was_answered(exporting):
    case = store(exporting, early_stop_record(), early_stop=True)
    response, observation = resources(bundle_of(exporting, case))
    assert response.status == "stopped"
    assert {item.linkId for item in response.item} == {"chest_pain", "language"}
    assert observation.valueCodeableConcept.coding[0].code == "urgent"
    assert {c.code.coding[0].code: c.valueBoolean for c in observation.component}["emergency"] is True


def test_a_reviewed_case_adds_the_clinicians_observation(exporting):
    case = store(exporting, base_record(**LEVEL_RECORDS["urgent"]))
    client = signed_in_client(exporting, "clinician")
    client.post(f"/staff/case/{case.reference}/decision",
                data={"csrf_token": csrf_of(client, f"/staff/case/{case.reference}"), "level": "routine",
                      "reason": "Swelling round a sprained ankle only", "confirm_lower": "y"})
    bundle = bundle_of(exporting, case)
    response, triage_observation, review = resources(bundle)
    assert triage_observation.valueCodeableConcept.coding[0].code == "urgent"
    assert review.code.coding[0].code == "clinician-review"
    assert review.valueCodeableConcept.coding[0].code == "routine"
    assert review.note[0].text == "Swelling round a sprained ankle only"
    assert review.performer[0].display == "Clinician Person"
    assert [r.reference for r in review.derivedFrom] == [bundle.entry[0].fullUrl, bundle.entry[1].fullUrl]


def test_the_api_needs_a_valid_key_for_cases(exporting):
    case = store(exporting, base_record())
    client = exporting.test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {KEY}"}):
        assert client.get(f"/api/v1/cases/{case.reference}", headers=headers).status_code == 401
        assert client.post("/api/v1/cases", json=base_record(), headers=headers).status_code == 401
    assert len(all_references(exporting)) == 1
    assert not audit_rows(exporting, action="export") and not audit_rows(exporting, action="import")


def test_the_api_reads_a_case_as_fhir_and_each_use_is_audited(exporting):
    case = store(exporting, base_record())
    client = exporting.test_client()
    response = client.get(f"/api/v1/cases/{case.reference.lower()}", headers=AUTH)
    assert response.status_code == 200 and response.mimetype == "application/fhir+json"
    Bundle.model_validate_json(response.data)
    assert client.get("/api/v1/cases/ZZZZZZ", headers=AUTH).status_code == 404
    rows = audit_rows(exporting, action="export")
    assert [(r.username, r.case_reference) for r in rows] == [("api:ehr", case.reference)]


def test_the_api_stores_a_whole_record_with_the_triage_apis_checks(exporting):
    client = exporting.test_client()
    record = base_record(**LEVEL_RECORDS["urgent"])
    stored = client.post("/api/v1/cases", json=record, headers=AUTH)
    assert stored.status_code == 201
    body = stored.get_json()
    assert body["result"] == triage(validate(record)).to_dict()
    assert body["reference"] in all_references(exporting)
    bad = {**record, "pain_score": "7", "colour": "red"}
    refused = client.post("/api/v1/cases", json=bad, headers=AUTH)
    triage_api = client.post("/api/v1/triage", json=bad)
    assert refused.status_code == 400 and refused.get_json() == triage_api.get_json()
    assert len(all_references(exporting)) == 1
    assert [r.case_reference for r in audit_rows(exporting, action="import")] == [body["reference"]]


def csv_rows(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_the_csv_covers_a_clinic_date_range_and_leaves_free_text_out_unless_asked(exporting):
    chicago = ZoneInfo("America/Chicago")
    today = datetime.now(chicago).date()
    inside = store_at(exporting, base_record(notes="private words"), datetime(today.year, today.month, today.day,
                                                                             0, 5, tzinfo=chicago))
    store_at(exporting, base_record(), datetime(today.year, today.month, today.day, 0, 5, tzinfo=chicago)
             - timedelta(minutes=20))
    early = store(exporting, early_stop_record(), early_stop=True)
    admin = signed_in_client(exporting, "admin")
    url = f"/staff/admin/export/cases.csv?from={today}&to={today}"
    response = admin.get(url)
    assert response.mimetype == "text/csv"
    rows = csv_rows(response.get_data(as_text=True))
    assert [r["reference"] for r in rows] == [inside.reference, early.reference]
    assert "notes" not in rows[0] and "preferred_name" not in rows[0]
    assert rows[0]["created"].endswith(("-06:00", "-05:00"))
    assert rows[0]["locations"] == "thigh_front;thigh_back"
    assert rows[1]["early_stop"] == "true" and rows[1]["age_years"] == "" and rows[1]["chest_pain"] == "yes"
    # Revision 7: a whole record's unasked follow-ups say so; an early stop's are empty like its other cells.
    assert [rows[0][name] for name in FOLLOW_UPS] == ["not_asked"] * 4
    assert [rows[1][name] for name in FOLLOW_UPS] == [""] * 4
    with_text = csv_rows(admin.get(url + "&free_text=1").get_data(as_text=True))
    assert with_text[0]["notes"] == "private words"
    exported = audit_rows(exporting, action="export")
    # One row for each export as asked, then one for each case it held (issue 21).
    assert [r.detail for r in exported if r.case_reference is None] == [
        f"CSV {today} to {today}, 2 cases", f"CSV {today} to {today}, 2 cases, with free text"]
    assert [(r.case_reference, r.detail) for r in exported if r.case_reference] == [
        (inside.reference, f"CSV {today} to {today}"), (early.reference, f"CSV {today} to {today}"),
        (inside.reference, f"CSV {today} to {today}, with free text"),
        (early.reference, f"CSV {today} to {today}, with free text")]


@pytest.mark.parametrize("dates,box,message", [
    ({"from": "2024-03-01"}, "to", NOT_A_DATE),
    ({"from": "", "to": "2024-03-05"}, "from", NOT_A_DATE),
    ({"from": "2024-03-01", "to": "01/03/2024"}, "to", NOT_A_DATE),
    ({"from": "2024-02-30", "to": "2024-03-05"}, "from", NOT_A_DATE),
    ({"from": "2024-03-05", "to": "2024-03-01"}, "to", REVERSED),
], ids=["no-end", "no-start", "not-iso", "no-such-day", "reversed"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_a_csv_asked_with_a_bad_date_answers_the_export_page_saying_which_date_to_mend(exporting, dates, box,
                                                                                       message, language):
    store(exporting, base_record())
    admin = signed_in_client(exporting, "admin")
    before = len(audit_rows(exporting, action="export"))
    response = admin.get("/staff/admin/export/cases.csv", query_string={**dates, "free_text": "1", "lang": language})
    assert response.status_code == 400 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    with exporting.test_request_context(), force_locale(language):
        said = str(message)
    assert re.search(rf'name="{box}" value="[^"]*" required aria-invalid="true" aria-describedby="{box}-error">'
                     rf'<span class="error" id="{box}-error">{re.escape(said)}</span>', page)
    assert page.count('class="error"') == 1
    # As the admin typed it, free text ticked too; nothing left the system.
    for name in ("from", "to"):
        assert f'name="{name}" value="{dates.get(name, "")}"' in page
    assert 'name="free_text" value="1" checked' in page
    assert len(audit_rows(exporting, action="export")) == before


@pytest.mark.parametrize("formula", [
    "=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd",
    # Issue 21: after leading white space or format characters, and full-width signs.
    " =cmd", "  +1+1", "\n=cmd", "\r\n@SUM(A1)", "\u00a0=cmd", "\u200b=cmd", "\ufeff-2+3", "\u200b\u00a0 @x",
    "\uff1dcmd", "\uff0b1", "\uff0d1", "\uff20SUM(A1)", " \uff1dcmd", "\ufe66cmd",
])
def test_the_csv_neutralises_a_formula_in_notes(exporting, formula):
    store(exporting, base_record(notes=formula))
    admin = signed_in_client(exporting, "admin")
    today = datetime.now(ZoneInfo("America/Chicago")).date()
    rows = csv_rows(admin.get(f"/staff/admin/export/cases.csv?from={today}&to={today}&free_text=1")
                    .get_data(as_text=True))
    assert rows[0]["notes"] == "'" + formula


@pytest.mark.sqlite_only
@pytest.mark.parametrize("text", ["Ankle hurt after a run", " sore - mostly left", "\u00a0ok", "e-mail me", "\u200b1-2"])
def test_the_csv_leaves_ordinary_text_as_it_is(text):
    assert table.safe_cell(text) == text


def test_the_csv_follows_the_clinicians_decision_and_keeps_the_rules(exporting):
    case = store(exporting, base_record(**LEVEL_RECORDS["routine"]))
    client = signed_in_client(exporting, "clinician")
    client.post(f"/staff/case/{case.reference}/decision",
                data={"csrf_token": csrf_of(client, f"/staff/case/{case.reference}"), "level": "emergency",
                      "reason": "=cmd looks septic"})
    with state(exporting).sessions() as session:
        stored = cases.find_by_reference(session, case.reference)
        row = dict(zip(table.columns(), table.row(stored, ZoneInfo("UTC")), strict=True))
    assert (row["disposition"], row["emergency"], row["reviewed"]) == ("routine", "false", "true")
    assert (row["clinician_disposition"], row["clinician_emergency"]) == ("urgent", "true")
    assert row["override_reason"] == "'=cmd looks septic"


# The columns before issue 20, which keep their places (a spreadsheet may read them by position).
COLUMNS_BEFORE_ISSUE_20 = (["reference", "created"] + [name for name in FIELDS if name not in table.FREE_TEXT]
                           + ["disposition", "emergency", "rule_ids", "rules_version", "early_stop", "reviewed",
                              "clinician_disposition", "clinician_emergency", "override_reason"])


def test_the_csv_ends_with_the_review_the_acknowledgement_and_the_patients_status(exporting):
    seen = store(exporting, base_record(**LEVEL_RECORDS["urgent"]))
    untouched = store(exporting, base_record())
    # A name a spreadsheet would run is written as text, like the patients' words.
    make_user(exporting, "nurse", "clinician", display_name="=Nurse Joy")
    clinician = exporting.test_client()
    sign_in(clinician, "nurse")
    token = csrf_of(clinician, f"/staff/case/{seen.reference}")
    clinician.post(f"/staff/case/{seen.reference}/reviewed", data={"csrf_token": token})
    clinician.post(f"/staff/case/{seen.reference}/acknowledge", data={"csrf_token": token})
    clinician.post(f"/staff/case/{seen.reference}/status", data={"csrf_token": token, "status": "with-clinician"})
    clinician.post(f"/staff/case/{seen.reference}/status", data={"csrf_token": token, "status": "done"})
    today = datetime.now(ZoneInfo("America/Chicago")).date()
    text = signed_in_client(exporting, "admin").get(f"/staff/admin/export/cases.csv?from={today}&to={today}")
    text = text.get_data(as_text=True)
    header = next(csv.reader(io.StringIO(text)))
    assert header == COLUMNS_BEFORE_ISSUE_20 + ["reviewed_at", "reviewed_by", "acknowledged_at", "status",
                                                "status_at"]
    rows = {row["reference"]: row for row in csv_rows(text)}
    done, waiting = rows[seen.reference], rows[untouched.reference]
    assert (done["reviewed"], done["reviewed_by"], done["status"]) == ("true", "'=Nurse Joy", "done")
    now = datetime.now(ZoneInfo("America/Chicago"))
    for name in ("reviewed_at", "acknowledged_at", "status_at"):
        moment = datetime.fromisoformat(done[name])
        assert moment.utcoffset() == now.utcoffset() and abs(moment - now) < timedelta(minutes=1), name
    assert done["reviewed_at"] <= done["acknowledged_at"] <= done["status_at"]
    assert [waiting[name] for name in ("reviewed_at", "reviewed_by", "acknowledged_at", "status", "status_at")] == [
        "", "", "", "waiting", ""]


# --- stable identity (issue 17): canonical URLs never come from a request ----------


def test_a_forged_host_header_changes_no_exported_url(exporting):
    case = store(exporting, base_record(**LEVEL_RECORDS["urgent"]))
    client = exporting.test_client()
    for path, headers in (("/fhir/Questionnaire/leg-soreness-intake", {}), ("/fhir/CodeSystem/leg-soreness", {}),
                          ("/fhir/definitions", {}), (f"/api/v1/cases/{case.reference}", AUTH)):
        plain = client.get(path, headers=headers).get_data(as_text=True)
        forged = client.get(path, headers={**headers, "Host": "other.example",
                                           "X-Forwarded-Host": "evil.example"}).get_data(as_text=True)
        assert forged == plain and BASE in plain, path
        assert "other.example" not in forged and "evil.example" not in forged


def test_the_definitions_bundle_holds_the_questionnaire_and_both_codesystems(exporting):
    bundle = Bundle.model_validate_json(exporting.test_client().get("/fhir/definitions").data)
    assert [(e.resource.__resource_type__, e.fullUrl) for e in bundle.entry] == [
        ("Questionnaire", f"{BASE}/Questionnaire/leg-soreness-intake"),
        ("CodeSystem", f"{BASE}/CodeSystem/leg-soreness"),
        ("CodeSystem", f"{BASE}/CodeSystem/leg-soreness-rule"),
    ]


def test_without_a_fhir_base_every_fhir_export_says_so_and_check_warns(make_app):
    app = make_app(SCREENING_FHIR_BASE="", SCREENING_API_KEYS={"ehr": KEY})
    case = store(app, base_record())
    client = app.test_client()
    for path, headers in (("/fhir/Questionnaire/leg-soreness-intake", {}), ("/fhir/CodeSystem/leg-soreness", {}),
                          ("/fhir/CodeSystem/leg-soreness-rule", {}), ("/fhir/definitions", {}),
                          (f"/api/v1/cases/{case.reference}", AUTH)):
        response = client.get(path, headers=headers)
        assert response.status_code == 503 and response.mimetype == "application/fhir+json", path
        outcome = response.get_json()
        assert outcome["resourceType"] == "OperationOutcome"
        assert "SCREENING_FHIR_BASE" in outcome["issue"][0]["diagnostics"]
    admin = signed_in_client(app, "admin")
    assert admin.get(f"/staff/admin/export/case.json?reference={case.reference}").status_code == 503
    assert admin.get("/staff/admin/audit.json").status_code == 503
    page = admin.get("/staff/admin/export").get_data(as_text=True)
    assert "FHIR exports are off" in page and "Download FHIR bundle" not in page
    assert not audit_rows(app, action="export")  # nothing was exported
    checked = app.test_cli_runner().invoke(args=["screening", "check"])
    assert "SCREENING_FHIR_BASE" in checked.output


@pytest.mark.parametrize("base", ["clinic.example.org/fhir", "ftp://clinic.example.org/fhir",
                                  "https://clinic.example.org/fhir?x=1", "https:///fhir", 42])
def test_check_refuses_a_fhir_base_that_cannot_name_resources(base):
    from screening.settings import problems

    [problem] = [p for p in problems({"SCREENING_FHIR_BASE": base}) if p.key == "SCREENING_FHIR_BASE"]
    assert problem.kind == "invalid"
