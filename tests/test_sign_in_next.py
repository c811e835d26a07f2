"""After sign-in, `next` sends staff only to a path on this site (issue 21,
finding 3): never another host, never a 500; anything else lands on the
staff queue."""
import pytest

from tests.staff_helpers import PASSWORD, make_user, signed_in_client, token_from

# As a browser or a proxy might read them: each leads off-site or cannot be a header.
REFUSED = [
    "/%09/evil.example/",      # the finding: a browser strips the tab, leaving //evil.example/
    "/%0A/x",                  # the finding: a line break, once a 500
    "/%0D%0ASet-Cookie:%20x=1",
    "/%0d/evil.example/",
    "//evil.example/x",
    "/%2F/evil.example/",      # decoded once more: //evil.example/
    "/%5Cevil.example",        # a backslash, read as a slash
    "/%5C%5Cevil.example",
    "%5C%5Cevil.example",
    "/\\evil.example",
    "https://evil.example/",
    "https:/evil.example/",
    "javascript:alert(1)",
    "evil.example",
    "%20//evil.example",
    "/%E2%80%8B/evil.example",  # a zero-width space
    "/%00x",
    "",
]
KEPT = ["/staff/case/AB12CD?lang=es", "/staff/?day=2026-12-01", "/staff/admin/audit?user=nurse&action=view"]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("target", ["/%09/evil.example/", "/%0A/x"])
def test_signing_in_with_the_findings_next_lands_on_the_queue(make_app, target):
    app = make_app()
    make_user(app, "nurse", "clinician")
    client = app.test_client()
    token = token_from(client.get("/staff/sign-in").get_data(as_text=True))
    response = client.post(f"/staff/sign-in?next={target}",
                           data={"csrf_token": token, "username": "nurse", "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == "/staff/"


@pytest.mark.sqlite_only
def test_a_signed_in_visit_to_sign_in_follows_only_same_site_paths(make_app):
    client = signed_in_client(make_app(), "clinician")
    for target in REFUSED:
        response = client.get(f"/staff/sign-in?next={target}")
        assert response.status_code == 303, target
        assert response.headers["Location"] == "/staff/", target
    for target in KEPT:
        response = client.get("/staff/sign-in", query_string={"next": target})
        assert response.headers["Location"] == target
