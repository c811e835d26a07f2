"""The plugin inside a host app: the example intranet mounts it at /intake."""
import re

from tests.helpers import case_count, csrf_token, form_data, valid_record

PREFIX = "/intake"


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
    assert response.status_code == 400
    assert 'id="intake"' in response.get_data(as_text=True)  # the form again, not a bare error
    assert case_count(host_app) == 0


def test_host_csrf_protection_does_not_block_the_json_api(host_app):
    response = host_app.test_client().post(PREFIX + "/api/v1/triage", json=valid_record())
    assert response.status_code == 200
    assert response.get_json()["disposition"] == "self-care"


def test_host_keeps_its_own_babel(host_app):
    from flask_babel import Babel

    babel = host_app.extensions["babel"]
    assert isinstance(babel.instance, Babel)
    page = host_app.test_client().get(PREFIX + "/?lang=es").get_data(as_text=True)
    assert '<html lang="es">' in page
