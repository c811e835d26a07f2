"""Staff accounts and roles: every staff and patient-data URL refuses anyone
without the right role, found by walking the app's URL map (never a list)."""
import html

import pytest
from flask import Flask, session, url_for
from flask_login import LoginManager

from screening import Screening
from screening.staff.auth import PERMISSIONS
from screening.store.models import StaffUser
from screening.triage.rules import RULES_BY_ID, explain
from screening.web.state import state
from tests.helpers import vignette
from tests.staff_helpers import (
    PASSWORD, ROLES, audit_rows, csrf_of, make_user, sign_in, signed_in_client, store, token_from,
)

# Endpoints anyone may reach: the patient's own pages (opened by their
# unguessable token), the API that decides without storing, the public
# Questionnaire and its CodeSystems, the API's OpenAPI description, the health check, static
# files and the sign-in page.
PUBLIC = {
    "screening.static", "screening.intake.start", "screening.intake.form", "screening.intake.result",
    "screening.intake.result_handout", "screening.intake.result_staff_summary", "screening.api.triage", "screening.api.healthz",
    "screening.api.questionnaire", "screening.api.code_system", "screening.api.rule_code_system", "screening.api.definitions",
    "screening.api.openapi", "screening.staff.sign_in_page",
    # The patient's own result, bound to the session that sent the form.
    "screening.intake.handout_page", "screening.intake.print_handout", "screening.intake.close_result",
    "screening.intake.give_name",
}
# Other programs reach patient data with an API key instead of a session.
API_KEY = {"screening.api.case_fhir", "screening.api.store_case"}


def guarded_routes(app, values):
    """(endpoint, method, url) for every route of the plugin that is not public."""
    found = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if not rule.endpoint.startswith("screening.") or rule.endpoint in PUBLIC:
                continue
            url = url_for(rule.endpoint, **{arg: values[arg] for arg in rule.arguments})
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                found.append((rule.endpoint, method, url))
    return found


@pytest.fixture
def world(app):
    case = store(app, vignette("dark-urine-after-marathon")["record"])
    target = make_user(app, "someone", "front-desk")
    return {"reference": case.reference, "user_id": target.id, "change": "sign-out", "token": "x"}


def request_as(client, method, url, token_page="/staff/sign-in"):
    if method == "GET":
        return client.get(url)
    return client.post(url, data={"csrf_token": csrf_of(client, token_page)})


def test_every_non_public_staff_view_declares_a_permission(app):
    for endpoint, view in app.view_functions.items():
        if endpoint.startswith("screening.") and endpoint not in PUBLIC | API_KEY:
            assert getattr(view, "screening_permission", None) in PERMISSIONS, endpoint


def test_anonymous_people_get_the_sign_in_page_everywhere(app, world):
    client = app.test_client()
    routes = guarded_routes(app, world)
    assert len(routes) >= 15
    for endpoint, method, url in routes:
        response = request_as(client, method, url)
        if endpoint in API_KEY:
            assert response.status_code == 401, (endpoint, method)
            continue
        assert response.status_code == 303, (endpoint, method, response.status_code)
        assert "/staff/sign-in" in response.headers["Location"], endpoint
    # Nothing about the case leaked into any of those answers, and nothing was audited as seen.
    assert not audit_rows(app, action="view")


@pytest.mark.parametrize("role", ROLES)
def test_each_role_reaches_exactly_its_own_pages(app, world, role):
    client = signed_in_client(app, role)
    landing = "/staff/admin/" if role == "admin" else "/staff/"
    for endpoint, method, url in guarded_routes(app, world):
        if endpoint in API_KEY:
            continue
        permission = app.view_functions[endpoint].screening_permission
        response = request_as(client, method, url, token_page=landing)
        signs_out = endpoint.endswith(("sign_out_page", "sign_out_everywhere"))
        if role in PERMISSIONS[permission]:
            assert response.status_code != 403, (endpoint, method)
            if not signs_out:
                assert "/staff/sign-in" not in response.headers.get("Location", ""), (endpoint, method)
        else:
            assert response.status_code == 403, (endpoint, method, response.status_code)
        if signs_out:
            client = signed_in_client(app, role, username=f"{role}-{endpoint[-5:]}")


def test_front_desk_sees_a_summary_without_the_answers_or_notes(app):
    case = store(app, {**vignette("dark-urine-after-marathon")["record"], "notes": "Ran 42 km yesterday"})
    front = signed_in_client(app, "front-desk").get(f"/staff/case/{case.reference}").get_data(as_text=True)
    clinician = signed_in_client(app, "clinician").get(f"/staff/case/{case.reference}").get_data(as_text=True)
    # The front desk reads why in the patient's words; rule ids are the clinician's.
    assert case.reference in front and "dark-urine" not in front
    said = explain(RULES_BY_ID["dark-urine"], case.record, "en").patient_reason
    assert html.escape(said) in front
    assert "Ran 42 km yesterday" not in front and "Mark reviewed" not in front
    assert "Ran 42 km yesterday" in clinician and "Mark reviewed" in clinician and "dark-urine" in clinician


def test_a_wrong_password_is_refused_and_audited_without_saying_which_part_was_wrong(app):
    make_user(app, "nurse", "clinician")
    client = app.test_client()
    wrong = sign_in(client, "nurse", "not the password")
    unknown = sign_in(client, "nobody", PASSWORD)
    for response in (wrong, unknown):
        assert response.status_code == 400
        assert "The username or the password is wrong" in response.get_data(as_text=True)
    assert [r.username.split()[:2] for r in audit_rows(app, action="failed-sign-in")] == [["nurse"], ["unknown", "user"]]
    assert client.get("/staff/").status_code == 303
    assert sign_in(client, "nurse").status_code == 303
    assert client.get("/staff/").status_code == 200
    assert len(audit_rows(app, action="sign-in")) == 1


def test_sign_in_is_limited_per_account_even_with_the_right_password(make_app):
    app = make_app(SCREENING_STAFF_SIGNIN_MAX_PER_ACCOUNT=3)
    make_user(app, "nurse", "clinician")
    make_user(app, "doctor", "clinician")
    client = app.test_client()
    for _ in range(3):
        sign_in(client, "nurse", "guess")
    locked = sign_in(client, "nurse")
    assert locked.status_code == 429 and "Too many failed sign-ins" in locked.get_data(as_text=True)
    assert int(locked.headers["Retry-After"]) >= 1
    # Another account from the same address is not slowed by this one.
    assert sign_in(client, "doctor").status_code == 303


def test_sign_in_is_limited_per_address(make_app):
    app = make_app(SCREENING_STAFF_SIGNIN_MAX_PER_ADDRESS=4)
    make_user(app, "nurse", "clinician")
    client = app.test_client()
    for number in range(4):
        sign_in(client, f"guess{number}", "guess")
    assert "Too many failed sign-ins" in sign_in(client, "nurse").get_data(as_text=True)
    elsewhere = app.test_client()
    page = elsewhere.get("/staff/sign-in", environ_base={"REMOTE_ADDR": "10.0.0.9"}).get_data(as_text=True)
    response = elsewhere.post("/staff/sign-in", environ_base={"REMOTE_ADDR": "10.0.0.9"},
                              data={"csrf_token": token_from(page), "username": "nurse", "password": PASSWORD})
    assert response.status_code == 303


def test_a_session_ends_after_the_idle_time_and_the_queue_refresh_does_not_keep_it_alive(make_app):
    app = make_app(SCREENING_STAFF_IDLE_MINUTES=30)
    client = signed_in_client(app, "clinician")
    with client.session_transaction() as saved:
        saved["screening_staff_seen"] -= 29 * 60
    assert client.get("/staff/queue").status_code == 200  # a refresh: not activity
    with client.session_transaction() as saved:
        saved["screening_staff_seen"] -= 2 * 60
    response = client.get("/staff/")
    assert response.status_code == 303 and "/staff/sign-in" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "signed out after a time without activity" in page


def test_sign_out_everywhere_ends_the_other_sessions(app):
    desk = signed_in_client(app, "clinician", username="nurse")
    home = app.test_client()
    assert sign_in(home, "nurse").status_code == 303
    response = home.post("/staff/sign-out-everywhere", data={"csrf_token": csrf_of(home, "/staff/")})
    assert response.status_code == 303
    assert desk.get("/staff/").status_code == 303
    assert home.get("/staff/").status_code == 303
    assert sign_in(desk, "nurse").status_code == 303


def test_sign_out_ends_this_session_and_is_audited(app):
    client = signed_in_client(app, "front-desk")
    client.post("/staff/sign-out", data={"csrf_token": csrf_of(client, "/staff/")})
    assert client.get("/staff/").status_code == 303
    assert len(audit_rows(app, action="sign-out")) == 1


def test_create_user_and_reset_password_commands(app):
    runner = app.test_cli_runner()
    made = runner.invoke(args=["screening", "create-user", "boss", "--role", "admin", "--name", "Ana Boss",
                               "--password-stdin"], input="a long enough password\n")
    assert made.exit_code == 0, made.output
    short = runner.invoke(args=["screening", "create-user", "x", "--role", "admin", "--password-stdin"],
                          input="short\n")
    assert short.exit_code == 2 and "at least 12 characters" in short.output
    client = app.test_client()
    assert sign_in(client, "boss", "a long enough password").headers["Location"].endswith("/staff/admin/")
    reset = runner.invoke(args=["screening", "reset-password", "boss", "--password-stdin"],
                          input="another long password\n")
    assert reset.exit_code == 0, reset.output
    assert client.get("/staff/admin/").status_code == 303  # the old session ended
    assert sign_in(client, "boss", "a long enough password").status_code == 400
    assert sign_in(client, "boss", "another long password").status_code == 303
    assert [r.detail for r in audit_rows(app, action="user-change")] == [
        "created boss as admin", "password reset for boss"]
    with state(app).sessions() as db:
        stored = db.query(StaffUser).filter_by(username="boss").one()
        assert stored.password_hash.startswith("$argon2id$") and "long" not in stored.password_hash


def test_sign_in_sends_people_back_only_to_this_site(app):
    make_user(app, "nurse", "clinician")
    client = app.test_client()
    page = client.get("/staff/sign-in").get_data(as_text=True)
    response = client.post("/staff/sign-in?next=//evil.example/x",
                           data={"csrf_token": token_from(page), "username": "nurse", "password": PASSWORD})
    assert response.headers["Location"] == "/staff/"


def intranet_user():
    """What a host intranet would hand over: its own signed-in person."""
    return session.get("intranet_user")


def test_a_host_intranet_hands_over_its_signed_in_staff(database_url, tmp_path):
    host = Flask(__name__, instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="test", SCREENING_DATABASE_URL=database_url,
                       SCREENING_STAFF_USER_LOADER=intranet_user)
    LoginManager(host).user_loader(lambda _id: None)  # the intranet's own Flask-Login
    Screening(host, url_prefix="/intake")
    host.test_cli_runner().invoke(args=["screening", "db", "upgrade"])
    try:
        client = host.test_client()
        assert client.get("/intake/staff/").status_code == 303
        with client.session_transaction() as saved:
            saved["intranet_user"] = ("jdoe", "Jo Doe", "front-desk")
        page = client.get("/intake/staff/")
        assert page.status_code == 200 and "Jo Doe" in page.get_data(as_text=True)
        assert client.get("/intake/staff/admin/").status_code == 403
        with client.session_transaction() as saved:
            saved["intranet_user"] = ("jdoe", "Jo Doe", "superuser")
        assert client.get("/intake/staff/").status_code == 303
    finally:
        from tests.conftest import drop_tables

        drop_tables(host)


def test_a_host_with_its_own_flask_login_must_hand_its_staff_over(tmp_path):
    host = Flask(__name__, instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="test")
    LoginManager(host)
    with pytest.raises(RuntimeError, match="SCREENING_STAFF_USER_LOADER"):
        Screening(host)


def test_staff_pages_run_no_inline_script_under_the_csp(app):
    import re

    case = store(app, vignette("dark-urine-after-marathon")["record"])
    client = signed_in_client(app, "clinician")
    for path in ("/staff/sign-in?x=1", "/staff/", f"/staff/case/{case.reference}"):
        response = client.get(path, follow_redirects=True)
        page = response.get_data(as_text=True)
        assert "default-src 'self'" in response.headers["Content-Security-Policy"]
        assert response.headers["Cache-Control"] == "no-store"
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
        assert scripts and all('src="' in attrs and not body.strip() for attrs, body in scripts), path
        assert not re.search(r"\son[a-z]+=", page) and " style=" not in page, path


def test_the_example_intranet_frames_the_staff_pages_in_its_own_page(host_app):
    page = host_app.test_client().get("/intake/staff/sign-in").get_data(as_text=True)
    assert "Northside intranet" in page and "/intake/screening-static/staff.css" in page


def idle_of(response):
    return response.headers.get("Screening-Idle-Stamp"), int(response.headers.get("Screening-Idle-Left-Ms", -1))


def test_every_staff_answer_says_how_long_the_session_has_left_and_only_a_person_extends_it(make_app):
    app = make_app(SCREENING_STAFF_IDLE_MINUTES=30)
    client = signed_in_client(app, "front-desk")
    response = client.get("/staff/")
    page = response.get_data(as_text=True)
    stamp, left = idle_of(response)
    assert stamp and 29 * 60_000 < left <= 30 * 60_000
    # The page carries the same, for its warning a minute before.
    assert f'data-stamp="{stamp}"' in page and 'data-warning-ms="60000"' in page
    with client.session_transaction() as saved:
        saved["screening_staff_seen"] -= 10 * 60
    # The queue's refresh and the page's own check are not activity: the
    # stamp stays, the time runs out.
    aged = []
    for passive in ("/staff/queue", "/staff/session", "/staff/queue"):
        response = client.get(passive)
        assert response.status_code in (200, 204)
        aged.append(idle_of(response))
    assert len({stamp for stamp, _left in aged}) == 1 and all(left <= 20 * 60_000 for _stamp, left in aged)
    # "Stay signed in" (or a click on the page) is, with its token.
    assert client.post("/staff/still-here").status_code == 400
    response = client.post("/staff/still-here", data={"csrf_token": token_from(page)})
    assert response.status_code == 204
    assert idle_of(response)[0] != aged[0][0] and idle_of(response)[1] > 29 * 60_000


def test_an_idle_sessions_check_sends_the_page_to_the_sign_in(make_app):
    app = make_app(SCREENING_STAFF_IDLE_MINUTES=30)
    client = signed_in_client(app, "clinician")
    token = csrf_of(client, "/staff/")
    with client.session_transaction() as saved:
        saved["screening_staff_seen"] -= 31 * 60
    # "Stay signed in" pressed too late does not sign anyone back in.
    response = client.post("/staff/still-here", data={"csrf_token": token})
    assert response.status_code == 303 and "/staff/sign-in" in response.headers["Location"]
    response = client.get("/staff/session")
    assert response.status_code == 303 and "/staff/sign-in" in response.headers["Location"]
    assert "Screening-Idle-Stamp" not in response.headers
