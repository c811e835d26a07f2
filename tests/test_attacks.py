"""Attacks, each shown failing: forged requests, guessed addresses, markup and
URLs in the answers, SQL in the answers, control characters on the terminal.
(Body size: test_body_limit.py; headers: test_headers.py; lost answers and
CSRF resend: test_csrf_resend.py; fuzzing: test_fuzz.py.)"""
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner
from sqlalchemy import inspect

from screening import cli
from screening.web.state import state
from tests.handout_helpers import pdf_pages_and_text, squash
from tests.helpers import all_cases, case_count, contract_record, csrf_token, form_data, valid_record

# --- Forged requests -------------------------------------------------------


def test_a_cross_site_post_over_https_is_refused_by_its_referer(client, app):
    """On HTTPS a post whose Referer is another site stores nothing, even with
    this session's token and cookie (as a framed page would send them)."""
    base = "https://clinic.example"
    token = csrf_token(client, "/", base_url=base)
    data = form_data(valid_record(preferred_name="Ada Forge"), token)
    response = client.post("/", data=data, base_url=base, headers={"Referer": "https://evil.example/page"})
    assert "/result/" not in response.headers.get("Location", "")
    assert case_count(app) == 0
    same_site = client.post("/", data=data, base_url=base, headers={"Referer": base + "/"})
    assert same_site.status_code == 303 and case_count(app) == 1


def test_a_token_from_a_stored_kiosk_form_cannot_store_again(make_app):
    app = make_app(SCREENING_KIOSK=True)
    client = app.test_client()
    data = form_data(valid_record(), csrf_token(client, "/?lang=en"))
    assert client.post("/", data=data).status_code == 303
    again = client.post("/", data=data)
    assert "/result/" not in again.headers.get("Location", "")
    assert case_count(app) == 1


# --- Every patient-data address needs its token ----------------------------

# Endpoints that show no patient data, so anyone may open them.
PUBLIC = {
    "screening.intake.form", "screening.intake.start", "screening.api.triage", "screening.api.healthz",
    "screening.api.openapi", "screening.api.questionnaire", "screening.api.code_system",
    "screening.api.rule_code_system", "screening.api.definitions", "screening.static",
}
# Behind staff sign-in: tests/test_staff_auth.py walks these for anonymous
# users and every role.
SIGNED_IN = "screening.staff."
# Behind an API key: without one, 401 whatever the case reference.
API_KEYED = {"screening.api.case_fhir", "screening.api.store_case"}
WRONG = ["0" * 43, "A" * 22, "..%2F..%2Fetc%2Fpasswd", "%00", "' OR '1'='1", "{{7*7}}"]


def test_every_address_with_patient_data_refuses_a_wrong_or_borrowed_key(client, app):
    """Walk the URL map: an endpoint is either known to show no patient data,
    behind staff sign-in or an API key, or bound to the browser that sent the
    form (the patient's result pages): another browser, with no session or
    with a session that sent nothing, gets nothing of the case, whatever it
    puts in the address or the body."""
    data = form_data(valid_record(preferred_name="Walter Walk"), csrf_token(client))
    assert client.post("/", data=data).headers["Location"] == "/result"
    case = all_cases(app)[-1]
    assert case.reference in client.get("/result").get_data(as_text=True)  # the sender's own browser

    stranger, other_patient = app.test_client(), app.test_client()
    csrf_token(other_patient)  # a session of its own, that stored nothing
    bound = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in PUBLIC or not rule.endpoint.startswith("screening.") or rule.endpoint.startswith(SIGNED_IN):
            continue
        if rule.endpoint in API_KEYED:
            url = rule.rule.replace("<reference>", case.reference)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(url, method=method, json=valid_record())
                assert response.status_code == 401, (rule.endpoint, response.status_code)
                assert "Walter" not in response.get_data(as_text=True)
            continue
        assert not rule.arguments, f"{rule.endpoint} ({rule.rule}) takes a key in its address: classify it here."
        bound.append(rule.endpoint)
        for browser in (stranger, other_patient):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                for query in ("", f"?token={case.token}", f"?reference={case.reference}"):
                    response = browser.open(rule.rule + query, method=method,
                                            data={"token": case.token, "pin": "0000"} if method == "POST" else None)
                    # 429: the staff PIN's guess limit, which these posts reach too.
                    assert response.status_code in (303, 400, 403, 404, 429), (rule.endpoint, response.status_code)
                    page = response.get_data(as_text=True)
                    assert "Walter" not in page and case.reference not in page
                    assert response.headers.get("Content-Type", "").split(";")[0] != "application/pdf"
    assert set(bound) >= {"screening.intake.result", "screening.intake.result_handout"}


# --- Markup and URLs in every text field -----------------------------------


class Recorder(BaseHTTPRequestHandler):
    hits = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def internal_server():
    """An 'internal' address on loopback that records anything fetched from it."""
    Recorder.hits = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def payloads(internal):
    return [
        f'<img src="{internal}/img">',
        f'<link rel=stylesheet href="{internal}/css">',
        '<img src="file:///etc/passwd">',
        f"<style>@import url({internal}/import);</style>",
        "<script>alert(1)</script>",
    ]


def test_markup_and_urls_in_the_answers_are_shown_as_text_and_never_fetched(client, app, internal_server):
    for payload in payloads(internal_server):
        record = valid_record(preferred_name=payload[:80], notes=payload + " file:///etc/shadow")
        # Sent with the clot-risk list unanswered, the form comes back at the
        # last step, which holds that list and the name and notes, escaped.
        unanswered = form_data(record, csrf_token(client))
        del unanswered["clot_risks"]
        page = client.post("/", data=unanswered).get_data(as_text=True)
        assert payload[:20] not in page
        assert "&lt;" in page
        response = client.post("/", data=form_data(record, csrf_token(client)))
        assert response.status_code == 303
        result = client.get("/result")
        assert payload[:20] not in result.get_data(as_text=True)
        pdf = client.get("/result/handout.pdf")
        assert pdf.status_code == 200
        _pages, text = pdf_pages_and_text(pdf.data)
        # The name is printed as the patient typed it, as text.
        assert squash(payload[:80])[:12] in squash(text)
    assert Recorder.hits == []
    # And stored exactly as typed.
    assert [c.record["preferred_name"] for c in all_cases(app)] == [p[:80] for p in payloads(internal_server)]


def test_the_handout_command_fetches_nothing_either(tmp_path, internal_server):
    import json

    record = contract_record(preferred_name=f'<img src="{internal_server}/cli">'[:80])
    source = tmp_path / "record.json"
    source.write_text(json.dumps(record))
    result = CliRunner().invoke(cli.main, ["handout", str(source), "-o", str(tmp_path / "out.pdf")])
    assert result.exit_code == 0, result.output
    assert Recorder.hits == []


# --- SQL metacharacters -----------------------------------------------------

SQL = [
    "Robert'); DROP TABLE screening_case;--",
    '" OR 1=1; --',
    "50% off_\\_%",
    "x'||(SELECT version())||'",
]


def test_sql_metacharacters_are_stored_literally(client, app):
    token = csrf_token(client)
    for text in SQL:
        response = client.post("/", data=form_data(valid_record(preferred_name=text, notes=text * 3), token))
        assert response.status_code == 303
    stored = all_cases(app)
    assert [c.record["preferred_name"] for c in stored] == SQL
    assert [c.record["notes"] for c in stored] == [t * 3 for t in SQL]
    assert "screening_case" in inspect(state(app).engine).get_table_names()


# --- The terminal ------------------------------------------------------------


def test_the_command_line_escapes_control_characters_in_what_it_echoes():
    import json

    record = {**contract_record(), "x\n\x1b[2Jforged: ok": 1}
    result = CliRunner().invoke(cli.main, ["triage", "-"], input=json.dumps(record))
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert result.stderr.splitlines() == ["x\\n\\x1b[2Jforged: ok: is not a field of the intake record"]
