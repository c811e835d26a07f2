"""Shared steps for the staff-side tests: accounts, signing in, stored cases."""
import re

from sqlalchemy import select

from screening.store import cases, users
from screening.store.models import AuditEvent
from screening.triage.rules import triage
from screening.triage.validation import validate
from screening.web.state import state

PASSWORD = "correct horse battery"
ROLES = ("front-desk", "clinician", "admin")


def make_user(app, username, role, password=PASSWORD, display_name=None):
    with state(app).sessions() as session:
        return users.create_user(session, username, password, role=role, display_name=display_name)


def token_from(page):
    return re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)


def sign_in(client, username, password=PASSWORD, prefix=""):
    page = client.get(f"{prefix}/staff/sign-in").get_data(as_text=True)
    return client.post(f"{prefix}/staff/sign-in",
                       data={"csrf_token": token_from(page), "username": username, "password": password})


def signed_in_client(app, role, username=None):
    username = username or role
    make_user(app, username, role, display_name=f"{role.title()} Person")
    client = app.test_client()
    response = sign_in(client, username)
    assert response.status_code == 303, response.get_data(as_text=True)
    return client


def fit(record):
    """A vignette's record in this checkout's contract: fields it does not know
    yet are left out, red flags it lacks answered "no" (the same record once
    every field is known)."""
    from screening.triage.contract import FIELDS, RED_FLAGS

    fitted = {name: value for name, value in record.items() if name in FIELDS}
    for flag in RED_FLAGS:
        fitted.setdefault(flag, "no")
    return fitted


def store(app, record, early_stop=False):
    """A stored case; early stops keep only the answers given and the early-stop rules."""
    if early_stop:
        from screening.triage.contract import RED_FLAGS
        from screening.triage.rules import RULES_BY_ID, RULES_VERSION, TriageResult, explain

        asked = {**{flag: "no" for flag in RED_FLAGS}, **record}
        fired = tuple(explain(RULES_BY_ID[r], asked, record.get("language", "en"))
                      for r in ("chest-or-breathing",) if record.get("chest_pain") == "yes")
        result = TriageResult("urgent", True, fired, RULES_VERSION)
    else:
        record = validate(fit(record))
        result = triage(record)
    with state(app).sessions() as session:
        return cases.save_case(session, record, result, early_stop=early_stop)


def csrf_of(client, path):
    return token_from(client.get(path).get_data(as_text=True))


def audit_rows(app, **where):
    with state(app).sessions() as session:
        query = select(AuditEvent).order_by(AuditEvent.id)
        for key, value in where.items():
            query = query.where(getattr(AuditEvent, key) == value)
        return session.scalars(query).all()


def base_record(**changes):
    """A complete self-care record in this checkout's contract, with some answers changed."""
    from tests.helpers import vignette

    return {**fit(vignette("after-first-spin-class")["record"]), **changes}


# One record per queue level, each decided by rules that keep their tier.
LEVEL_RECORDS = {
    "emergency": dict(chest_pain="yes"),
    "urgent": dict(one_leg_swollen="yes"),
    "routine": dict(varicose_veins="yes"),
    "self-care": dict(),
}


def store_at(app, record, when, early_stop=False):
    """A stored case that arrived at `when` (a zone-aware moment)."""
    from sqlalchemy import update

    from screening.store.models import Case

    case = store(app, record, early_stop=early_stop)
    with state(app).sessions() as session, session.begin():
        session.execute(update(Case).where(Case.id == case.id).values(created_at=when))
    case.created_at = when
    return case


def early_stop_record():
    """What the form keeps when the patient answers yes to chest pain first."""
    return {"chest_pain": "yes", "language": "en"}


def all_references(app):
    from screening.store.models import Case

    with state(app).sessions() as session:
        return session.scalars(select(Case.reference).order_by(Case.id)).all()
