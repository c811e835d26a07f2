"""Staff sessions end for real (issue 21, finding 4): sign-out ends the session
on the server (a copied cookie opens nothing after it), every session ends
SCREENING_STAFF_SESSION_HOURS after sign-in however busy, and the CSRF
secret changes at sign-in."""
import pytest

from screening.staff.auth import SIGNED_IN_AT
from tests.staff_helpers import PASSWORD, audit_rows, csrf_of, make_user, signed_in_client, token_from

HOUR = 3600


def copy_of(app, client):
    """Another browser holding a copy of `client`'s session cookie."""
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_cookie_copied_before_sign_out_opens_nothing_after_it(app):
    desk = signed_in_client(app, "clinician", username="nurse")
    copied = copy_of(app, desk)
    assert copied.get("/staff/").status_code == 200  # a copy works while the session lasts
    signed_out = desk.post("/staff/sign-out", data={"csrf_token": csrf_of(desk, "/staff/")})
    assert signed_out.status_code == 303
    for client in (copied, desk):
        response = client.get("/staff/")
        assert response.status_code == 303 and "/staff/sign-in" in response.headers["Location"]
    assert copied.get("/staff/admin/audit").status_code == 303
    assert [row.username for row in audit_rows(app, action="sign-out")] == ["nurse"]
    # Signing in again works, and the old copy still opens nothing.
    token = token_from(desk.get("/staff/sign-in").get_data(as_text=True))
    assert desk.post("/staff/sign-in", data={"csrf_token": token, "username": "nurse",
                                             "password": PASSWORD}).status_code == 303
    assert desk.get("/staff/").status_code == 200
    assert copied.get("/staff/").status_code == 303


@pytest.mark.parametrize("language, words", [
    ("en", "You were signed out after 12 hours signed in. Please sign in again."),
    ("es", "Se cerró su sesión tras 12 horas abierta. Vuelva a iniciar sesión."),
])
def test_a_busy_session_still_ends_twelve_hours_after_sign_in(app, language, words):
    client = signed_in_client(app, "front-desk")
    with client.session_transaction() as saved:
        saved[SIGNED_IN_AT] -= 12 * HOUR - 60  # a busy day: the last click a moment ago
    assert client.get("/staff/").status_code == 200
    with client.session_transaction() as saved:
        saved[SIGNED_IN_AT] -= 2 * 60
    response = client.get("/staff/")
    assert response.status_code == 303 and "/staff/sign-in" in response.headers["Location"]
    page = client.get(f"/staff/sign-in?lang={language}").get_data(as_text=True)
    assert words in page
    assert client.get("/staff/").status_code == 303


@pytest.mark.sqlite_only
def test_the_session_lifetime_is_a_setting(make_app):
    client = signed_in_client(make_app(SCREENING_STAFF_SESSION_HOURS=0.5), "clinician")
    with client.session_transaction() as saved:
        saved[SIGNED_IN_AT] -= 0.5 * HOUR + 60
    assert client.get("/staff/").status_code == 303


@pytest.mark.sqlite_only
def test_a_session_from_before_sign_in_times_were_kept_ends(app):
    client = signed_in_client(app, "clinician")
    with client.session_transaction() as saved:
        del saved[SIGNED_IN_AT]
    assert client.get("/staff/").status_code == 303


@pytest.mark.sqlite_only
def test_a_csrf_token_from_before_sign_in_is_refused_after_it(app):
    make_user(app, "nurse", "clinician")
    client = app.test_client()
    before = token_from(client.get("/staff/sign-in").get_data(as_text=True))
    assert client.post("/staff/sign-in", data={"csrf_token": before, "username": "nurse",
                                               "password": PASSWORD}).status_code == 303
    # Someone who saw (or planted) the token before sign-in cannot post as the clinician.
    refused = client.post("/staff/sign-out", data={"csrf_token": before})
    assert refused.status_code == 400
    assert client.get("/staff/").status_code == 200  # still signed in
    after = csrf_of(client, "/staff/")
    assert after != before
    assert client.post("/staff/sign-out", data={"csrf_token": after}).status_code == 303
