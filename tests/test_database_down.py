"""While the database is down, every staff page and API route says so with a
503 (a page in the staff member's language, or JSON), never a bare 500, and
works again as soon as the database is back, with no restart."""
import logging

import pytest

from tests.outage_helpers import database_down
from tests.staff_helpers import base_record, signed_in_client, store

KEY = "ehr-key-that-is-long-enough-0123456789"
NAME = "Perpetua Onslow"


@pytest.fixture
def app(make_app):
    return make_app(SCREENING_API_KEYS={"ehr": KEY})


@pytest.fixture
def case(app):
    return store(app, base_record(preferred_name=NAME))


STAFF_PAGES = {
    "clinician": ["/staff/", "/staff/queue", "/staff/case/{ref}", "/staff/case/{ref}/summary.pdf",
                  "/staff/case/{ref}/handout.pdf", "/staff/find?reference={ref}"],
    "admin": ["/staff/admin/", "/staff/admin/audit", "/staff/admin/export", "/staff/admin/export/cases.csv"],
}


@pytest.mark.parametrize("role", sorted(STAFF_PAGES))
def test_staff_pages_answer_503_in_words_while_the_database_is_down(app, case, role, caplog):
    client = signed_in_client(app, role)
    paths = [p.format(ref=case.reference) for p in STAFF_PAGES[role]]
    with database_down(app), caplog.at_level(logging.INFO):
        for path in paths:
            response = client.get(path)
            page = response.get_data(as_text=True)
            assert response.status_code == 503, path
            assert "The system cannot reach its database" in page, path
            assert "new emergencies will not appear here" in page
            assert NAME not in page and "Traceback" not in page
            assert response.headers["Retry-After"]
        spanish = client.get("/staff/?lang=es").get_data(as_text=True)
        assert "El sistema no puede conectarse con su base de datos" in spanish
    assert "Traceback" not in caplog.text and NAME not in caplog.text
    assert "database unavailable" in caplog.text
    # Back: the same signed-in session works, no restart.
    for path in paths:
        assert client.get(path).status_code in (200, 303, 400), path  # 400: the CSV without its dates


def test_signing_in_while_the_database_is_down_says_so(app):
    from tests.staff_helpers import make_user, token_from

    make_user(app, "nurse", "clinician")
    client = app.test_client()
    token = token_from(client.get("/staff/sign-in").get_data(as_text=True))
    with database_down(app):
        response = client.post("/staff/sign-in",
                               data={"csrf_token": token, "username": "nurse", "password": "correct horse battery"})
        assert response.status_code == 503
        assert "The system cannot reach its database" in response.get_data(as_text=True)
    from tests.staff_helpers import sign_in
    assert sign_in(client, "nurse").status_code == 303


def test_the_api_answers_503_json_while_the_database_is_down(app, case):
    from tests.helpers import valid_record

    client = app.test_client()
    auth = {"Authorization": f"Bearer {KEY}"}
    with database_down(app):
        got = client.get(f"/api/v1/cases/{case.reference}", headers=auth)
        assert got.status_code == 503
        assert got.get_json() == {"errors": [{"field": "_record", "message": "the database is unavailable; try again"}]}
        assert got.headers["Retry-After"]
        stored = client.post("/api/v1/cases", json=valid_record(), headers=auth)
        assert stored.status_code == 503
        assert stored.get_json()["errors"][0]["field"] == "_record"
    assert client.get(f"/api/v1/cases/{case.reference}", headers=auth).status_code == 200


def test_a_connection_ended_after_the_page_was_read_still_answers_the_page(postgres_url, tmp_path, caplog):
    """Found by benchmarks/load.py: PostgreSQL stopping between a page's reads
    and the session's closing rollback turned a good queue page into a bare 500."""
    import time

    from flask import request
    from sqlalchemy import create_engine, make_url, text

    from screening.app import create_app
    from screening.store import migrate
    from screening.web.state import state
    from tests.conftest import NO_PRERENDER, drop_tables

    app = create_app({"TESTING": True, "SCREENING_DATABASE_URL": postgres_url, **NO_PRERENDER},
                     instance_path=str(tmp_path / "instance"))
    migrate.upgrade(state(app).engine)
    url = make_url(postgres_url)

    down = []

    @app.after_request
    def server_goes_down(response):
        if request.path == "/staff/queue" and down:
            admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
            with admin.connect() as connection:
                others = "FROM pg_stat_activity WHERE datname = :name AND pid <> pg_backend_pid()"
                connection.execute(text(f"SELECT pg_terminate_backend(pid) {others}"), {"name": url.database})
                # Ending a backend takes a moment: wait until it is gone, as after a real shutdown.
                while connection.execute(text(f"SELECT count(*) {others}"), {"name": url.database}).scalar():
                    time.sleep(0.01)
            admin.dispose()
        return response

    try:
        client = signed_in_client(app, "clinician")
        # The first look is audited (a commit); a refresh after it only reads, so its transaction is open at the end.
        assert client.get("/staff/queue").status_code == 200
        down.append(True)
        with caplog.at_level(logging.WARNING):
            response = client.get("/staff/queue")
        assert response.status_code == 200
        assert "could not be closed" in caplog.text, caplog.text[-300:]
        assert client.get("/staff/").status_code == 200  # and the next page is served on a new connection
    finally:
        drop_tables(app)
