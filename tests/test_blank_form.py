"""The blank first step is drawn once and reused with each patient's own token
(intake/blank.py): what a patient gets must be exactly what a fresh draw gives."""
import pytest
from flask import g

from screening import Screening
from tests.helpers import hidden

pytestmark = pytest.mark.sqlite_only


def without_token(page):
    return page.replace(hidden(page, "csrf_token"), "TOKEN")


def test_a_cached_first_step_is_a_fresh_draw_with_its_own_working_token(make_app):
    app = make_app()
    first, second = app.test_client(), app.test_client()
    drawn = first.get("/").get_data(as_text=True)
    cached = second.get("/").get_data(as_text=True)
    assert without_token(cached) == without_token(drawn)
    assert hidden(cached, "csrf_token") != hidden(drawn, "csrf_token")
    # Each patient's token goes with their own session only.
    step = {"step": "0", "go": "next", "language": "en", "answers": hidden(cached, "answers")}
    sent = second.post("/", data={**step, "csrf_token": hidden(cached, "csrf_token")})
    assert sent.status_code == 400 and "Step 1 of 6" in sent.get_data(as_text=True)  # no answers yet: asked again
    assert "Please answer this question." in sent.get_data(as_text=True)
    swapped = first.post("/", data={**step, "csrf_token": hidden(cached, "csrf_token")})
    assert swapped.status_code == 303 and "Please answer" not in swapped.get_data(as_text=True)


def test_each_language_and_setting_gets_its_own_page(make_app):
    app = make_app()
    client = app.test_client()
    english = client.get("/").get_data(as_text=True)
    spanish = client.get("/?lang=es").get_data(as_text=True)
    assert 'lang="es"' in spanish and "Primero, preguntas de seguridad" in spanish
    assert 'lang="en"' in client.get("/").get_data(as_text=True)
    assert "Riverside Clinic" in english
    # A setting changed while the app runs shows at once.
    app.config["SCREENING_CLINIC_NAME"] = "Hillside Clinic"
    page = client.get("/").get_data(as_text=True)
    assert "Hillside Clinic" in page and "Riverside Clinic" not in page


def test_a_page_from_the_hosts_own_templates_is_drawn_each_time(tmp_path):
    """A host's frame may show something of each request (the signed-in user):
    it is never served from another request."""
    from flask import Flask

    host = Flask(__name__, template_folder=str(tmp_path))
    (tmp_path / "screening").mkdir()
    (tmp_path / "screening" / "base.html").write_text(
        "<html><body><p class=user>{{ g.user }}</p>{% block main %}{% endblock %}</body></html>")
    host.config.update(SECRET_KEY="test", SCREENING_DATABASE_URL=f"sqlite:///{tmp_path}/host.sqlite3",
                       TESTING=True)
    Screening(host)
    host.test_cli_runner().invoke(args=["screening", "db", "upgrade"])

    @host.before_request
    def sign_in():
        from flask import request

        g.user = request.headers.get("X-User", "nobody")

    client = host.test_client()
    assert '<p class=user>Ana</p>' in client.get("/", headers={"X-User": "Ana"}).get_data(as_text=True)
    assert '<p class=user>Ben</p>' in client.get("/", headers={"X-User": "Ben"}).get_data(as_text=True)
