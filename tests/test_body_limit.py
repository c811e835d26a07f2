"""The body limit holds before a single byte of an oversized body is read."""
import io

from flask import Flask, request
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request
from flask_wtf.csrf import CSRFProtect

from screening import Screening
from tests.helpers import case_count

FIFTY_MB = 50 * 1024 * 1024
BOUNDARY = "fuzzboundary"


class CountingBody(io.RawIOBase):
    """A multipart body of `size` bytes, made as it is read, that counts what was read.

    Many parts of 400 KB each: every one is under Werkzeug's default
    per-field limit, so only a limit on the whole body stops it.
    """

    def __init__(self, size):
        part = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"notes\"\r\n\r\n"
                + "<b>x</b>" * 50_000 + "\r\n").encode()
        self.chunk = part
        self.size = size
        self.read_so_far = 0

    def readable(self):
        return True

    def readinto(self, buffer):
        left = self.size - self.read_so_far
        n = min(len(buffer), left)
        if n <= 0:
            return 0
        start = self.read_so_far % len(self.chunk)
        piece = (self.chunk[start:] + self.chunk)[:n]
        buffer[:n] = piece
        self.read_so_far += n
        return n


def post_huge(client, path, **headers):
    body = CountingBody(FIFTY_MB)
    environ = EnvironBuilder(path=path, method="POST", headers=headers).get_environ()
    # Werkzeug's builder would read the whole stream to measure it: hand it over as sent.
    environ.update({
        "wsgi.input": body,
        "CONTENT_LENGTH": str(FIFTY_MB),
        "CONTENT_TYPE": f"multipart/form-data; boundary={BOUNDARY}",
    })
    return client.open(Request(environ)), body


def test_a_50_mb_post_to_the_form_is_refused_unread_with_a_short_page(app):
    response, body = post_huge(app.test_client(), "/", **{"Accept-Language": "es"})
    assert response.status_code == 413
    assert body.read_so_far == 0
    page = response.get_data(as_text=True)
    assert len(page) < 20_000
    assert "<b>x</b>" not in page and "&lt;b&gt;" not in page
    assert "Es demasiado para enviar" in page
    assert response.headers["Cache-Control"] == "no-store"
    assert case_count(app) == 0


def test_the_api_answers_413_in_json_unread(app):
    body_response, body = post_huge(app.test_client(), "/api/v1/triage")
    assert body_response.status_code == 413
    assert body.read_so_far == 0
    assert body_response.get_json()["errors"][0]["field"] == "_record"


def test_routes_outside_the_plugin_are_limited_in_the_standalone_app(app):
    response, body = post_huge(app.test_client(), "/no-such-page")
    assert response.status_code in (404, 413)
    assert body.read_so_far == 0


def test_in_a_host_the_plugins_limit_comes_before_the_hosts_csrf_check(tmp_path):
    """A host's CSRFProtect reads the whole form in its own hook; the
    plugin's routes are still limited first, and the host's own upload
    route keeps the host's (here: no) limit."""
    host = Flask(__name__, instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="test", SCREENING_DATABASE_URL=f"sqlite:///{tmp_path}/cases.sqlite3",
                       WTF_CSRF_ENABLED=False)
    CSRFProtect(host)
    Screening(host, url_prefix="/intake")

    @host.post("/upload")
    def upload():
        return str(len(request.get_data()))

    client = host.test_client()
    response, body = post_huge(client, "/intake/")
    assert response.status_code == 413
    assert body.read_so_far == 0
    assert client.post("/upload", data=b"x" * 200_000).get_data(as_text=True) == "200000"
