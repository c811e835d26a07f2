"""Stored cases keep their history (contract section 5): reference, worded rules, UTC time."""
import re
from datetime import datetime, timezone

import io

from pypdf import PdfReader
from sqlalchemy import column, insert, select, table, update

from screening.store import cases, migrate
from screening.store.models import REFERENCE_ALPHABET, Case, FiredRule
from screening.triage.rules import triage
from screening.triage.validation import validate
from screening.web.state import state
from tests.helpers import all_cases, open_result_of, valid_record, vignette


def save(app, record):
    record = validate(record)
    with state(app).sessions() as session:
        return cases.save_case(session, record, triage(record))


def test_a_case_gets_a_readable_unique_reference(app):
    references = {save(app, valid_record()).reference for _ in range(30)}
    assert len(references) == 30
    for reference in references:
        assert re.fullmatch(f"[{REFERENCE_ALPHABET}]{{6}}", reference)
        assert not set(reference) & set("0O1IL")


def test_staff_find_a_case_by_its_reference_however_typed(app):
    case = save(app, valid_record())
    typed = " ".join(case.reference.lower())
    with state(app).sessions() as session:
        assert cases.find_by_reference(session, typed).id == case.id


def test_each_fired_rule_is_stored_with_both_reasons_as_worded(app):
    record = vignette("dark-urine-after-marathon")["record"]
    result = triage(validate(record))
    case = save(app, record)
    with state(app).sessions() as session:
        rows = session.scalars(select(FiredRule).where(FiredRule.case_id == case.id).order_by(FiredRule.position)).all()
    assert [(r.rule_id, r.tier, r.clinician_reason, r.patient_reason) for r in rows] == [
        (r.id, r.tier, r.clinician_reason, r.patient_reason) for r in result.rules
    ]


def test_an_old_case_reads_as_it_was_decided_not_in_todays_words(app, client):
    """The result page shows the stored wording, even after the rules were reworded."""
    record = vignette("dark-urine-after-marathon")["record"]
    case = save(app, record)
    with state(app).sessions() as session, session.begin():
        session.execute(update(FiredRule).where(FiredRule.case_id == case.id)
                        .values(patient_reason="Worded as it was in an older rule set."))
    open_result_of(client, case)
    page = client.get("/result").get_data(as_text=True)
    assert "Worded as it was in an older rule set." in page
    assert case.reference in page


def test_created_time_is_utc_and_the_clinic_date_is_the_same_on_every_database(make_app):
    """A 03:00 UTC visit is the evening before in Chicago, on SQLite and PostgreSQL alike."""
    # (result pages stay open a year here: the visit is back-dated)
    app = make_app(SCREENING_TIMEZONE="America/Chicago", SCREENING_RESULT_MINUTES=60 * 24 * 365)
    case = save(app, valid_record())
    visit = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)
    with state(app).sessions() as session, session.begin():
        session.execute(update(Case).where(Case.id == case.id).values(created_at=visit))
    [stored] = all_cases(app)
    assert stored.created_at == visit and stored.created_at.utcoffset().total_seconds() == 0
    client = app.test_client()
    open_result_of(client, case)
    pdf = client.get("/result/handout.pdf").data
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "24 November 2026" in text


def test_a_clinician_override_keeps_the_rules_result_and_the_handout_follows_it(app):
    case = save(app, valid_record())
    with state(app).sessions() as session:
        case = session.get(Case, case.id)
        cases.record_review(session, case, by="Dr Ana Ruiz", disposition="urgent", reason="Calf looks swollen on exam.")
        assert (case.disposition, case.emergency) == ("self-care", False)
        assert cases.final_result(case).disposition == "urgent"
        assert case.severity == 2 and case.overridden


def test_old_cases_are_carried_forward_by_the_migration(bare_migrated_to_baseline):
    engine = bare_migrated_to_baseline
    record = valid_record(pain_score=8)  # fires severe-pain, as revision 4 would have
    old_columns = ("token", "created_at", "record", "language", "disposition", "emergency", "rule_ids", "rules_version")
    revision_1 = table("screening_case", *(column(name, Case.__table__.c[name].type) for name in old_columns))
    with engine.begin() as connection:
        connection.execute(insert(revision_1).values(
            token="t" * 43, created_at=datetime(2026, 1, 2, tzinfo=timezone.utc), record=record, language="en",
            disposition="routine", emergency=False, rule_ids=["severe-pain", "a-retired-rule"], rules_version="old",
        ))
    migrate.upgrade(engine)
    with engine.connect() as connection:
        row = connection.execute(select(Case.__table__)).mappings().one()
        fired = connection.execute(select(FiredRule.__table__).order_by(FiredRule.position)).mappings().all()
    assert re.fullmatch(f"[{REFERENCE_ALPHABET}]{{6}}", row["reference"])
    assert row["severity"] == 1 and row["early_stop"] is False
    assert [f["rule_id"] for f in fired] == ["severe-pain", "a-retired-rule"]
    assert fired[0]["patient_reason"] == triage(validate(record)).rules[0].patient_reason
    assert "a-retired-rule" in fired[1]["clinician_reason"] and fired[1]["patient_reason"]
