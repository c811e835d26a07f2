"""The audit trail: exactly one row per audited action, append-only, filterable,
exportable as FHIR AuditEvents; the logs never carry a record's values."""
import logging
import re
from datetime import datetime, timedelta, timezone

import pytest
from fhir.resources.R4B.bundle import Bundle
from flask_babel import force_locale
from markupsafe import escape
from sqlalchemy import update
from sqlalchemy.exc import DBAPIError

from screening.staff.forms import ACTION_WORDS
from screening.store.audit import ACTIONS
from screening.store.models import AuditEvent
from screening.web.state import state
from tests.helpers import csrf_token, form_data
from tests.staff_helpers import (
    LEVEL_RECORDS, PASSWORD, all_references, audit_rows, base_record, csrf_of, make_user, sign_in, signed_in_client,
    store, token_from,
)

API_KEY = "k3y-for-the-records-system-0123456789"
AUTH = {"Authorization": f"Bearer {API_KEY}"}


@pytest.fixture
def audited(make_app):
    return make_app(SCREENING_API_KEYS={"records": API_KEY})


def count(app):
    return len(audit_rows(app))


def actions():
    """(action, role that does it, what it does) for every audited action."""

    def view(app, client, case):
        client.get(f"/staff/case/{case.reference}")

    def reprint(app, client, case):
        client.get(f"/staff/case/{case.reference}/handout.pdf")

    def summary(app, client, case):
        client.get(f"/staff/case/{case.reference}/summary.pdf")

    def review(app, client, case, token):
        client.post(f"/staff/case/{case.reference}/reviewed", data={"csrf_token": token})

    def override(app, client, case, token):
        client.post(f"/staff/case/{case.reference}/decision",
                    data={"csrf_token": token, "level": "emergency", "reason": "Looks worse in person"})

    def acknowledge(app, client, case, token):
        client.post(f"/staff/case/{case.reference}/acknowledge", data={"csrf_token": token})

    def export(app, client, case):
        day = datetime.now().date().isoformat()
        client.get(f"/staff/admin/export/cases.csv?from={day}&to={day}")

    def user_change(app, client, case, token):
        client.post("/staff/admin/", data={"csrf_token": token, "username": "newdesk", "role": "front-desk",
                                           "password": "a fine long password"})

    def audit_view(app, client, case):
        client.get("/staff/admin/audit")

    def importing(app, client, case):
        app.test_client().post("/api/v1/cases", json=base_record(),
                               headers={"Authorization": f"Bearer {API_KEY}"})

    def api_export(app, client, case):
        app.test_client().get(f"/api/v1/cases/{case.reference}", headers={"Authorization": f"Bearer {API_KEY}"})

    def purge(app, client, case):
        app.test_cli_runner().invoke(args=["screening", "purge", "--older-than", "30"])

    return [
        ("view", "clinician", view), ("print", "front-desk", reprint), ("summary", "clinician", summary),
        ("review", "clinician", review), ("override", "clinician", override),
        ("acknowledge", "front-desk", acknowledge), ("export", "admin", export),
        ("user-change", "admin", user_change), ("audit-view", "admin", audit_view),
        ("import", None, importing), ("export", None, api_export), ("purge", None, purge),
    ]


@pytest.mark.parametrize("action,role,do", actions(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_audited_action_writes_exactly_one_row(audited, action, role, do):
    app = audited
    case = store(app, base_record(**LEVEL_RECORDS["urgent"]))
    client = signed_in_client(app, role) if role else None
    args = (app, client, case)
    if do.__code__.co_argcount == 4:
        page = "/staff/admin/" if role == "admin" else f"/staff/case/{case.reference}"
        args += (csrf_of(client, page),)
    before = count(app)
    do(*args)
    rows = audit_rows(app)[before:]
    assert [r.action for r in rows] == [action]
    row = rows[0]
    assert row.at is not None and (row.at - datetime.now(timezone.utc)) < timedelta(minutes=1)
    if role:
        assert (row.username, row.role, row.address) == (role, role, "127.0.0.1")
    if action in ("view", "print", "summary", "review", "override", "acknowledge"):
        assert row.case_reference == case.reference


def test_sign_ins_are_audited_once_each_way(app):
    make_user(app, "nurse", "clinician")
    client = app.test_client()
    sign_in(client, "nurse", "wrong password")
    sign_in(client, "nurse", PASSWORD)
    assert [(r.action, r.username) for r in audit_rows(app)[-2:]] == [("failed-sign-in", "nurse"), ("sign-in", "nurse")]


def test_audit_rows_cannot_be_changed(app):
    signed_in_client(app, "clinician")
    with state(app).sessions() as session:
        with pytest.raises(DBAPIError, match="append-only"):
            session.execute(update(AuditEvent).values(action="view"))
            session.commit()


def test_admins_filter_the_audit_trail_by_date_user_case_and_action(app):
    first = store(app, base_record())
    second = store(app, base_record())
    nurse = signed_in_client(app, "clinician", username="nurse")
    nurse.get(f"/staff/case/{first.reference}")
    nurse.get(f"/staff/case/{second.reference}")
    desk = signed_in_client(app, "front-desk", username="desk")
    desk.get(f"/staff/case/{second.reference}")
    admin = signed_in_client(app, "admin")

    def shown(**filters):
        page = admin.get("/staff/admin/audit", query_string=filters).get_data(as_text=True)
        body = page[page.index("<tbody>"):page.index("</tbody>")]
        return body.count("<tr><td>")

    assert shown(action="view") == 3
    assert shown(action="view", user="nurse") == 2
    assert shown(action="view", reference=second.reference.lower()) == 2
    today = datetime.now().date()
    assert shown(action="view", **{"from": (today + timedelta(days=2)).isoformat()}) == 0
    assert shown(action="view", **{"from": (today - timedelta(days=1)).isoformat(),
                                   "to": (today + timedelta(days=1)).isoformat()}) == 3


def test_the_audit_trail_names_each_action_in_words_in_the_staff_members_language(app):
    assert set(ACTION_WORDS) == set(ACTIONS)
    case = store(app, base_record())
    signed_in_client(app, "clinician").get(f"/staff/case/{case.reference}")
    admin = signed_in_client(app, "admin")
    for language in ("en", "es"):
        with app.test_request_context(), force_locale(language):
            words = {code: str(escape(str(ACTION_WORDS[code]))) for code in ACTIONS}
        page = admin.get(f"/staff/admin/audit?lang={language}").get_data(as_text=True)
        body = page[page.index("<tbody>"):page.index("</tbody>")]
        cells = re.findall(r"<td>([^<]*)</td>", body)
        assert words["view"] in cells and words["sign-in"] in cells
        assert "view" not in cells and "sign-in" not in cells
        # The filter offers the words and still sends the code stored.
        options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]*)</option>', page)
        assert options == [(code, words[code]) for code in ACTIONS]
    assert words["view"] != "view" and "Case opened" in admin.get("/staff/admin/audit?lang=en").get_data(as_text=True)
    page = admin.get("/staff/admin/audit", query_string={"action": "view"}).get_data(as_text=True)
    assert '<option value="view" selected>' in page
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    assert body.count("<tr><td>") == 1


@pytest.mark.parametrize("path", ["/staff/admin/audit", "/staff/admin/audit.json"])
def test_an_audit_filter_with_a_bad_date_says_so_rather_than_showing_or_exporting_everything(app, path):
    store(app, base_record())
    admin = signed_in_client(app, "admin")
    before = len(audit_rows(app))
    for dates, box, message in (({"from": "2024-13-01"}, "from", "Please give a date as YYYY-MM-DD."),
                                ({"from": "2024-03-05", "to": "2024-03-01"}, "to",
                                 "The end date is before the start date.")):
        response = admin.get(path, query_string=dates)
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and response.mimetype == "text/html"
        assert f'aria-describedby="{box}-error"><span class="error" id="{box}-error">{message}</span>' in page
        assert all(f'name="{name}" value="{typed}"' in page for name, typed in dates.items())
        assert "<tbody>" not in page
    assert len(audit_rows(app)) == before  # no row was read, none exported


def test_the_audit_trail_exports_as_valid_fhir_audit_events(app):
    case = store(app, base_record())
    client = signed_in_client(app, "clinician")
    client.get(f"/staff/case/{case.reference}")
    sign_in(app.test_client(), "nobody", "wrong")
    admin = signed_in_client(app, "admin")
    response = admin.get("/staff/admin/audit.json")
    assert response.mimetype == "application/fhir+json"
    bundle = Bundle.model_validate_json(response.data)
    events = [entry.resource for entry in bundle.entry]
    assert all(event.__resource_type__ == "AuditEvent" for event in events)
    viewed = next(e for e in events if e.subtype[0].code == "view")
    assert viewed.entity[0].what.identifier.value == case.reference
    assert viewed.agent[0].who.display == "clinician" and viewed.agent[0].requestor is True
    assert viewed.agent[0].network.address == "127.0.0.1"
    failed = next(e for e in events if e.subtype[0].code == "failed-sign-in")
    assert failed.outcome == "4"


def test_the_logs_hold_case_references_and_never_the_records_values(audited, caplog):
    """A full round: the patient's form, the queue, a review, an override, exports and an import."""
    app = audited
    secrets = {"preferred_name": "Quintessa Marlowe", "notes": "Zebra marmalade ate my shin 4711"}
    record = base_record(**LEVEL_RECORDS["urgent"], **secrets)
    caplog.set_level(logging.DEBUG)
    patient = app.test_client()
    response = patient.post("/", data=form_data(record, csrf_token(patient)))
    assert response.status_code == 303
    patient.get(response.headers["Location"] + "/handout.pdf")
    clinician = signed_in_client(app, "clinician")
    clinician.get("/staff/")
    reference = all_references(app)[0]
    token = csrf_of(clinician, f"/staff/case/{reference}")
    clinician.post(f"/staff/case/{reference}/reviewed", data={"csrf_token": token})
    clinician.post(f"/staff/case/{reference}/decision",
                   data={"csrf_token": token, "level": "routine", "reason": "Seen: old bruise",
                         "confirm_lower": "y"})
    clinician.get(f"/staff/case/{reference}/summary.pdf")
    admin = signed_in_client(app, "admin")
    day = datetime.now().date().isoformat()
    csv = admin.get(f"/staff/admin/export/cases.csv?from={day}&to={day}&free_text=1").get_data(as_text=True)
    assert secrets["notes"] in csv  # the export itself carries them, on purpose
    admin.get(f"/staff/admin/export/case.json?reference={reference}")
    api = app.test_client()
    api.post("/api/v1/cases", json=record, headers={"Authorization": f"Bearer {API_KEY}"})
    api.get(f"/api/v1/cases/{reference}", headers={"Authorization": f"Bearer {API_KEY}"})
    logged = caplog.text
    assert reference in logged  # the logs did capture the round
    for value in (*secrets.values(), "Seen: old bruise", "Marlowe", "marmalade"):
        assert value not in logged, value


def test_a_forwarded_address_longer_than_the_column_is_stored_cut_never_a_500(make_app):
    """Issue 21: an X-Forwarded-For over 64 characters made sign-in a 500 on
    PostgreSQL, and an API import stored the case but answered 500 with no audit row."""
    app = make_app(SCREENING_API_KEYS={"records": API_KEY}, SCREENING_PROXY_FIX=1, PROPAGATE_EXCEPTIONS=False)
    forged = {"X-Forwarded-For": "2001:db8:" + "f" * 100}
    make_user(app, "nurse", "clinician")
    client = app.test_client()
    page = client.get("/staff/sign-in", headers=forged).get_data(as_text=True)
    wrong = client.post("/staff/sign-in", headers=forged, data={"csrf_token": token_from(page), "username": "nurse",
                                                                 "password": "not the password"})
    assert wrong.status_code == 400
    right = client.post("/staff/sign-in", headers=forged, data={"csrf_token": token_from(page), "username": "nurse",
                                                                 "password": PASSWORD})
    assert right.status_code == 303
    stored = app.test_client().post("/api/v1/cases", json=base_record(), headers={**forged, **AUTH})
    assert stored.status_code == 201
    rows = audit_rows(app)
    assert [row.action for row in rows] == ["failed-sign-in", "sign-in", "import"]
    assert {row.address for row in rows} == {("2001:db8:" + "f" * 100)[:64]}


def test_a_password_typed_into_the_username_box_never_reaches_the_audit(audited):
    """Issue 21: what the username box held was stored and shown to admins."""
    make_user(audited, "nurse", "clinician")
    typed = "Tr0ub4dor&3-horse"
    # Each from an address of its own: unknown names are audited once per address and window.
    tries = ((typed, PASSWORD), ("nurse", typed), (typed, PASSWORD), ("nobody", PASSWORD))
    for number, (username, password) in enumerate(tries):
        client = audited.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.1.1.{number + 1}"
        sign_in(client, username, password)
    rows = audit_rows(audited, action="failed-sign-in")
    assert rows[1].username == "nurse"
    first, again, other = rows[0].username, rows[2].username, rows[3].username
    assert first.startswith("unknown user ") and typed not in first
    assert again == first and other != first  # the same name tried twice, then another one
    admin = signed_in_client(audited, "admin")
    for path in ("/staff/admin/audit", "/staff/admin/audit.json", "/staff/admin/audit?lang=es"):
        assert typed not in admin.get(path).get_data(as_text=True)
    assert "usuario desconocido " + first.split()[-1] in admin.get("/staff/admin/audit?lang=es").get_data(as_text=True)


def test_an_unknown_username_locks_like_a_real_one(make_app):
    """The lock-out message must not tell which usernames exist."""
    app = make_app(SCREENING_STAFF_SIGNIN_MAX_PER_ACCOUNT=2)
    make_user(app, "nurse", "clinician")
    for username in ("nurse", "nobody"):
        answers = [sign_in(app.test_client(), username, "not the password").get_data(as_text=True)
                   for _ in range(3)]
        assert ["Too many failed sign-ins" in page for page in answers] == [False, False, True], username
    assert "Too many failed sign-ins" not in sign_in(app.test_client(), "somebody", "x" * 12).get_data(as_text=True)
