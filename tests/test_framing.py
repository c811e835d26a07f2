"""Framing from another origin: off by default, on for listed intranet origins."""
import re

import pytest
from werkzeug.middleware.proxy_fix import ProxyFix

from examples.host_app import create_app as create_host_app
from screening.store import migrate
from screening.web.framing import FramingSettingError, allowed_origins
from screening.web.state import state
from tests.helpers import csrf_token, form_data, valid_record

INTRANET = "https://intranet.example.org"
PLUGIN = "https://screening.clinic.example"


def cookie_attributes(response):
    """The session cookie's attributes, lower-cased, without its value."""
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("session="))
    return {part.strip().split("=")[0].lower(): part.strip() for part in header.split(";")[1:]}


@pytest.mark.sqlite_only
def test_default_forbids_every_frame(client):
    response = client.get("/")
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    cookie = cookie_attributes(response)
    assert cookie["samesite"] == "SameSite=Lax"
    assert "httponly" in cookie
    assert "secure" not in cookie and "partitioned" not in cookie


@pytest.mark.sqlite_only
def test_listed_origins_may_frame_and_cookies_survive_the_frame(make_app):
    app = make_app(SCREENING_FRAME_ANCESTORS=[INTRANET, "http://localhost:8080"])
    response = app.test_client().get("/", base_url=PLUGIN)
    csp = response.headers["Content-Security-Policy"]
    assert f"frame-ancestors {INTRANET} http://localhost:8080" in csp
    assert "'none'" not in csp.split("frame-ancestors")[1]
    assert "X-Frame-Options" not in response.headers
    # Same-origin, never no-referrer: the HTTPS Referer check needs it.
    assert response.headers["Referrer-Policy"] == "same-origin"
    cookie = cookie_attributes(response)
    assert cookie["samesite"] == "SameSite=None"
    assert {"secure", "partitioned", "httponly"} <= set(cookie)


def test_every_plugin_page_sends_the_framing_policy(make_app):
    app = make_app(SCREENING_FRAME_ANCESTORS=INTRANET)
    client = app.test_client()
    for path in ("/", "/healthz", "/result", "/result/handout"):
        assert f"frame-ancestors {INTRANET}" in client.get(path).headers["Content-Security-Policy"], path


@pytest.mark.parametrize("ancestors, policy, frame_options", [
    ((), "frame-ancestors 'self'", "SAMEORIGIN"),
    ([INTRANET], f"frame-ancestors 'self' {INTRANET}", None),
])
def test_the_handout_pdf_may_show_only_inside_the_plugins_own_page(make_app, ancestors, policy, frame_options):
    client = make_app(SCREENING_FRAME_ANCESTORS=ancestors).test_client()
    response = client.get("/result/handout.pdf")
    assert response.headers["Content-Security-Policy"].endswith(policy)
    assert response.headers.get("X-Frame-Options") == frame_options


@pytest.mark.parametrize(
    "value, origins",
    [
        ("", ()),
        ((), ()),
        (INTRANET, (INTRANET,)),
        (f"{INTRANET}, https://EHR.example.org:8443  'self'", (INTRANET, "https://ehr.example.org:8443", "'self'")),
        ([INTRANET + "/"], (INTRANET,)),
        (["http://127.0.0.1:5001", "http://[::1]:5001"], ("http://127.0.0.1:5001", "http://[::1]:5001")),
    ],
)
def test_origins_setting_is_read_and_normalised(value, origins):
    assert allowed_origins(value) == origins


@pytest.mark.parametrize(
    "value, complaint",
    [
        ("*", "wildcard"),
        ("https://*.example.org", "wildcard"),
        ("https://intranet.example.org/portal", "no path"),
        ("https://intranet.example.org/?a=1", "no path"),
        ("http://intranet.example.org", "https"),
        ("intranet.example.org", "not an origin"),
        ("ftp://intranet.example.org", "not an origin"),
        ("https://intranet.example.org:99999", "not an origin"),
        ("'none'", "not an origin"),
    ],
)
@pytest.mark.sqlite_only
def test_bad_origins_stop_the_app_with_a_clear_error(make_app, value, complaint):
    with pytest.raises(FramingSettingError, match="SCREENING_FRAME_ANCESTORS") as raised:
        make_app(SCREENING_FRAME_ANCESTORS=[value])
    assert complaint in str(raised.value)


def post_form(client, referrer, base_url, headers=None):
    token = csrf_token(client, "/", base_url=base_url, headers=headers)
    headers = dict(headers or {}) | ({"Referer": referrer} if referrer else {})
    return client.post("/", data=form_data(valid_record(), token), base_url=base_url, headers=headers)


def test_https_post_from_inside_the_frame_passes_the_referer_check(make_app):
    """A page framed by the intranet posts to its own origin, and says so in its Referer."""
    client = make_app(SCREENING_FRAME_ANCESTORS=[INTRANET]).test_client()
    response = post_form(client, PLUGIN + "/?lang=en", PLUGIN)
    assert response.status_code == 303


@pytest.mark.sqlite_only
@pytest.mark.parametrize("referrer", [None, INTRANET + "/clinic/intake"])
def test_https_post_without_its_own_referer_is_refused(make_app, referrer):
    client = make_app(SCREENING_FRAME_ANCESTORS=[INTRANET]).test_client()
    response = post_form(client, referrer, PLUGIN)
    assert response.status_code == 400
    # The patient keeps the answers given so far, with a fresh token.
    page = response.get_data(as_text=True)
    assert 'name="csrf_token"' in page and 'name="answers"' in page
    assert re.search(r'<input checked[^>]*name="clot_risks"[^>]*value="none"', page)


PROXY_HEADERS = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "screening.clinic.example", "X-Forwarded-For": "10.1.2.3"}


def test_behind_a_tls_proxy_the_app_sees_https_and_the_post_passes(make_app):
    client = make_app(SCREENING_PROXY_FIX=1).test_client()
    response = post_form(client, PLUGIN + "/", "http://127.0.0.1:8000", PROXY_HEADERS)
    assert response.status_code == 303


@pytest.mark.sqlite_only
def test_behind_a_tls_proxy_a_foreign_referer_is_refused(make_app):
    """Proof that ProxyFix made the request HTTPS: the strict Referer check ran."""
    client = make_app(SCREENING_PROXY_FIX='{"x_proto": 1, "x_host": 1}').test_client()
    assert post_form(client, INTRANET + "/", "http://127.0.0.1:8000", PROXY_HEADERS).status_code == 400


@pytest.mark.sqlite_only
@pytest.mark.parametrize("value", ["two", '{"x_forwarded": 1}', [1], True])
def test_bad_proxy_setting_stops_the_app(make_app, value):
    with pytest.raises(ValueError, match="SCREENING_PROXY_FIX"):
        make_app(SCREENING_PROXY_FIX=value)


def test_a_host_that_lists_origins_gets_frameable_cookies(tmp_path):
    """The host opted in: its one session cookie becomes frameable (docs/embedding.md)."""
    host = create_host_app(
        {"SECRET_KEY": "test", "SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/cases.sqlite3", "SCREENING_FRAME_ANCESTORS": INTRANET}
    )
    migrate.upgrade(state(host).engine)
    response = host.test_client().get("/intake/", base_url="https://intranet-apps.example.org")
    assert f"frame-ancestors {INTRANET}" in response.headers["Content-Security-Policy"]
    assert {"secure", "partitioned", "httponly"} <= set(cookie_attributes(response))
    assert cookie_attributes(response)["samesite"] == "SameSite=None"


@pytest.mark.sqlite_only
def test_standalone_reads_framing_and_proxy_settings_from_the_environment(make_app, monkeypatch):
    monkeypatch.setenv("SCREENING_FRAME_ANCESTORS", f"{INTRANET} https://ehr.example.org")
    monkeypatch.setenv("SCREENING_PROXY_FIX", "1")
    app = make_app()
    assert isinstance(app.wsgi_app, ProxyFix)
    csp = app.test_client().get("/").headers["Content-Security-Policy"]
    assert f"frame-ancestors {INTRANET} https://ehr.example.org" in csp
