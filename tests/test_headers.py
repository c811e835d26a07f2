"""Security headers on every kind of response the standalone app gives."""
import pytest

from tests.helpers import contract_record, send_in_steps, valid_record

EVERYWHERE = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "Permissions-Policy",
              "X-Frame-Options")


def responses(app):
    """One response of each kind, by name."""
    client = app.test_client()
    stored = send_in_steps(client, valid_record())[-1]
    # Before the form page: a new form forgets the last result in this browser.
    result_page, handout_pdf = client.get("/result"), client.get("/result/handout.pdf")
    limited = app.test_client()
    for _ in range(4):
        too_many = limited.post("/api/v1/triage", json={}, environ_base={"REMOTE_ADDR": "10.9.9.9"})
    return {
        "form page": client.get("/"),
        "start page": client.get("/start"),
        "redirect": stored,
        "result page": result_page,
        "handout PDF": handout_pdf,
        "missing result 404": app.test_client().get("/result"),
        "404 outside the plugin": client.get("/wp-admin/setup.php"),
        "405": client.put("/"),
        "405 on the API": client.get("/api/v1/triage"),
        "static file": client.get("/screening-static/screening.css"),
        "API 200": client.post("/api/v1/triage", json=contract_record()),
        "API 400": client.post("/api/v1/triage", data="{not json", content_type="application/json"),
        "413": client.post("/", data={"notes": "x" * 70_000}),
        "429": too_many,
        "healthz": client.get("/healthz"),
    }


STATUSES = {
    "form page": 200, "start page": 200, "redirect": 303, "result page": 200, "handout PDF": 200,
    "missing result 404": 404, "404 outside the plugin": 404, "405": 405, "405 on the API": 405,
    "static file": 200, "API 200": 200, "API 400": 400, "413": 413, "429": 429, "healthz": 200,
}


def test_every_response_carries_the_security_headers(make_app):
    app = make_app(SCREENING_RATELIMIT_API="3 per minute")
    got = responses(app)
    assert {name: r.status_code for name, r in got.items()} == STATUSES
    for name, response in got.items():
        missing = [h for h in EVERYWHERE if h not in response.headers]
        assert not missing, f"{name} ({response.status_code}) lacks {missing}"
        if name != "static file":
            assert response.headers["Cache-Control"] == "no-store", name
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]


def test_no_hsts_and_no_secure_cookie_over_plain_http(client):
    response = client.get("/")
    assert "Strict-Transport-Security" not in response.headers
    assert "Secure" not in response.headers["Set-Cookie"]
    assert "HttpOnly" in response.headers["Set-Cookie"]


@pytest.mark.parametrize("path", ["/", "/no-such-page", "/healthz"])
def test_over_tls_hsts_and_a_secure_session_cookie(client, path):
    response = client.get(path, base_url="https://clinic.example")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    if path == "/":
        assert "Secure" in response.headers["Set-Cookie"]


def test_behind_a_tls_proxy_with_proxy_fix(make_app):
    client = make_app(SCREENING_PROXY_FIX=1).test_client()
    response = client.get("/", headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.9"})
    assert "Strict-Transport-Security" in response.headers
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_forged_forwarded_proto_is_ignored_without_proxy_fix(client):
    response = client.get("/", headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" not in response.headers
    assert "Secure" not in response.headers["Set-Cookie"]


def test_secure_cookies_can_be_forced(make_app):
    client = make_app(SESSION_COOKIE_SECURE=True).test_client()
    assert "Secure" in client.get("/").headers["Set-Cookie"]
