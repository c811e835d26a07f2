"""The plugin inside a host app: the example intranet mounts it at /intake."""
import re

import pytest

from flask import Flask
from flask_wtf.csrf import CSRFProtect

from screening import Screening
from screening.store import migrate
from screening.web.state import state
from tests.helpers import case_count, csrf_token, form_data, valid_record

PREFIX = "/intake"


@pytest.mark.sqlite_only
def test_host_serves_the_form_under_its_prefix(host_app):
    client = host_app.test_client()
    page = client.get(PREFIX + "/").get_data(as_text=True)
    assert f'action="{PREFIX}/"' in page
    assert "Northside Family Practice" in page  # the host's own configuration
    stylesheet = re.search(r'href="([^"]+\.css)"', page).group(1)
    assert stylesheet == f"{PREFIX}/screening-static/screening.css"
    static = client.get(stylesheet)
    assert static.status_code == 200 and static.mimetype == "text/css"
    # The host's own pages stay the host's, and link to the plugin.
    assert f'href="{PREFIX}/"' in client.get("/").get_data(as_text=True)


@pytest.mark.sqlite_only
def test_host_template_overrides_a_plugin_template(host_app):
    page = host_app.test_client().get(PREFIX + "/").get_data(as_text=True)
    assert "Staff help desk: extension 4000" in page
    assert 'class="topbar intranet-banner"' in page
    # The plugin's own content still fills the host's frame.
    assert 'id="intake"' in page


def test_round_trip_under_the_prefix(host_app):
    client = host_app.test_client()
    token = csrf_token(client, PREFIX + "/")
    response = client.post(PREFIX + "/", data=form_data(valid_record(), token))
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location == PREFIX + "/result"
    result = client.get(location)
    assert result.status_code == 200
    assert "You can care for this at home" in result.get_data(as_text=True)
    assert case_count(host_app) == 1


def test_round_trip_over_https_passes_the_host_csrf_referer_check(host_app):
    client = host_app.test_client()
    base = "https://intranet.example.org"
    token = csrf_token(client, PREFIX + "/", base_url=base)
    response = client.post(
        PREFIX + "/", data=form_data(valid_record(), token), base_url=base, headers={"Referer": base + PREFIX + "/"}
    )
    assert response.status_code == 303


def test_host_csrf_protection_still_guards_the_form(host_app):
    client = host_app.test_client()
    client.get(PREFIX + "/")
    response = client.post(PREFIX + "/", data=form_data(valid_record(), "not-a-token"))
    # A forged token gets a fresh start, never the answers it carried.
    assert response.status_code == 303
    assert response.headers["Location"].startswith(PREFIX + "/start")
    assert case_count(host_app) == 0


@pytest.mark.sqlite_only
def test_host_csrf_protection_does_not_block_the_json_api(host_app):
    response = host_app.test_client().post(PREFIX + "/api/v1/triage", json=valid_record())
    assert response.status_code == 200
    assert response.get_json()["disposition"] == "self-care"


def test_host_keeps_its_own_babel_and_its_locale_choice(tmp_path):
    """The host's Babel object stays in place, and its locale selector still
    rules the host's own pages; the plugin's pages follow the patient."""
    from flask_babel import Babel, get_locale

    host = bare_host(tmp_path)
    babel = Babel(host, locale_selector=lambda: "es")
    Screening(host, url_prefix=PREFIX)
    migrate.upgrade(state(host).engine)
    host.add_url_rule("/locale", "locale", lambda: str(get_locale()))
    client = host.test_client()
    assert host.extensions["babel"].instance is babel
    assert client.get("/locale").get_data(as_text=True) == "es"
    page = client.get(PREFIX + "/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in page and "Leg pain check" in page


def bare_host(tmp_path):
    host = Flask("intranet", instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="test", SCREENING_DATABASE_URL=f"sqlite:///{tmp_path}/cases.sqlite3")
    return host


def test_a_prefix_given_to_the_constructor_is_kept_by_a_later_init_app(tmp_path):
    host = bare_host(tmp_path)
    screening = Screening(url_prefix="/x")
    screening.init_app(host)
    migrate.upgrade(state(host).engine)
    client = host.test_client()
    assert client.get("/x/").status_code == 200
    assert client.get("/").status_code == 404
    assert url_for_in(host, "screening.intake.form") == "/x/"


def url_for_in(app, endpoint):
    from flask import url_for

    with app.test_request_context():
        return url_for(endpoint)


def test_the_api_is_exempt_from_a_csrf_protection_set_up_after_the_plugin(tmp_path):
    host = bare_host(tmp_path)
    Screening(host, url_prefix=PREFIX)
    CSRFProtect(host)  # after the plugin, unlike examples/host_app.py
    migrate.upgrade(state(host).engine)
    client = host.test_client()
    response = client.post(PREFIX + "/api/v1/triage", json=valid_record())
    assert response.status_code == 200
    assert response.get_json()["disposition"] == "self-care"
    # The form is still guarded by it: a forged token stores no case, and
    # gets a blank start rather than its answers back.
    client.get(PREFIX + "/")
    refused = client.post(PREFIX + "/", data=form_data(valid_record(), "not-a-token"))
    assert refused.status_code == 303 and "/result/" not in refused.headers["Location"]
    assert case_count(host) == 0
