"""Issue 20: the manager's figures, checked against a seeded day whose waits are known."""
from datetime import datetime, timedelta, timezone

import pytest

from screening.staff import figures
from screening.store import cases, flow
from screening.web.state import state
from tests.staff_helpers import LEVEL_RECORDS, base_record, signed_in_client, store_at


def yesterday_at(hour, minute):
    day = datetime.now(timezone.utc).date() - timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc)


@pytest.fixture
def seeded(make_app):
    """Six cases that all arrived at 09:00 yesterday (UTC, the clinic's zone here)."""
    app = make_app(SCREENING_TIMEZONE="UTC")
    arrived = yesterday_at(9, 0)
    made = {name: store_at(app, base_record(**LEVEL_RECORDS[level]), arrived)
            for name, level in (("A", "urgent"), ("B", "urgent"), ("C", "emergency"), ("D", "routine"),
                                ("E", "self-care"), ("F", "urgent"))}
    steps = [
        ("A", 10, "review", None), ("A", 20, "status", "with-clinician"),
        ("B", 40, "review", "routine"), ("B", 45, "status", "with-clinician"),
        ("C", 3, "status", "with-clinician"), ("C", 20, "review", None),
        ("D", 30, "review", "urgent"),
        ("E", 15, "status", "done"),
    ]
    with state(app).sessions() as session:
        for name, minutes, kind, value in steps:
            case = cases.find_by_reference(session, made[name].reference)
            at = arrived + timedelta(minutes=minutes)
            if kind == "status":
                flow.set_status(session, case, value, by="Nurse", at=at)
            else:
                cases.record_review(session, case, by="Nurse", at=at, disposition=value,
                                    reason="seen in person" if value else None, commit=False)
            session.commit()
    return app, made


def test_the_figures_of_a_seeded_day(seeded):
    app, made = seeded
    start, end = yesterday_at(0, 0), yesterday_at(0, 0) + timedelta(days=1)
    with state(app).sessions() as session:
        found = figures.load(session, start, end, escalate={"urgent": 30, "emergency": 5},
                             now=datetime.now(timezone.utc))
    assert found.cases == 6
    assert found.by_level == {"emergency": 1, "urgent": 3, "routine": 1, "self-care": 1}
    assert found.by_status["with-clinician"] == 3 and found.by_status["waiting"] == 2 and found.by_status["done"] == 1
    # First reviews after 10, 40, 20 and 30 minutes; "with clinician" after 20, 45 and 3.
    assert (found.to_review.count, found.to_review.median, found.to_review.p90) == (4, 25, 40)
    assert (found.to_clinician.count, found.to_clinician.median, found.to_clinician.p90) == (3, 20, 45)
    # B was first acted on after 40 minutes (urgent: 30), F never; C was moved after 3 (emergency: 5).
    assert found.escalated == 2
    lowered = {rule: counts for rule, counts in found.overrides.items() if counts[1]}
    raised = {rule: counts for rule, counts in found.overrides.items() if counts[0]}
    assert set(lowered) == set(made["B"].rule_ids) and set(raised) == set(made["D"].rule_ids)
    assert [bucket[2] for bucket in found.buckets] == [1, 1, 2, 0, 0]


def test_clinicians_and_admins_read_the_figures_and_the_front_desk_does_not(seeded):
    app, _made = seeded
    day = yesterday_at(0, 0).date().isoformat()
    for role in ("clinician", "admin"):
        page = signed_in_client(app, role).get(f"/staff/manager?from={day}&to={day}")
        text = page.get_data(as_text=True)
        assert page.status_code == 200, role
        assert "6 cases" in text and "2 cases escalated" in text and "25 min" in text and "40 min" in text
        assert "<svg" in text and "Cases by wait until first review" in text
    assert signed_in_client(app, "front-desk").get("/staff/manager").status_code == 403


@pytest.mark.parametrize("query, message", [
    ("from=2026-12-05&to=2026-12-01", "The last day is before the first day."),
    ("from=yesterday", "Please give the dates as YYYY-MM-DD."),
    ("from=2024-01-01&to=2026-01-01", "Please choose at most 366 days."),
])
def test_a_range_that_makes_no_sense_is_said_next_to_the_dates(app, query, message):
    page = signed_in_client(app, "clinician").get(f"/staff/manager?{query}")
    assert page.status_code == 400 and message in page.get_data(as_text=True)
