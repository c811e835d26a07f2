"""GET /healthz: whether the plugin can take a patient's answers, and nothing else.

Also the other side of the same promise: a database that turns read-only
costs the patient nothing (answers kept, 503), and once it is writable
again the same worker saves the next submission, with no restart.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, make_url

from screening import Screening
from tests.helpers import case_count, csrf_token, form_data, valid_record

ROOT = Path(__file__).resolve().parents[1]
UNREACHABLE = "postgresql+psycopg://screening:screening@127.0.0.1:1/nowhere"
HEALTHY = {"status": "ok", "database": "ok", "settings": "ok", "limits": "ok"}


def test_healthz_reports_a_healthy_plugin(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == HEALTHY
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_reports_an_unreachable_database(tmp_path, caplog):
    # A host app: it does not touch the database at start-up, so it starts
    # with a database that is not there.
    host = Flask(__name__, instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="test", SCREENING_DATABASE_URL=UNREACHABLE)
    Screening(host)
    response = host.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable", "settings": "ok", "limits": "ok"}
    assert "screening:screening" not in caplog.text


def test_healthz_reports_a_database_that_is_not_migrated(make_app):
    client = make_app(migrated=False).test_client()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json()["database"] == "not migrated"


@pytest.mark.sqlite_only
def test_healthz_reports_invalid_settings(make_app):
    response = make_app(SCREENING_TIMEZONE="Europe/Atlantis").test_client().get("/healthz")
    assert response.status_code == 503
    # No limiter while the pages answer 503 anyway.
    assert response.get_json() == {"status": "error", "database": "ok", "settings": "invalid", "limits": "off"}


def without_root_privilege():
    """The command prefix that makes file modes bind root as they bind anyone else."""
    if os.geteuid() != 0:
        return []
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"]


@pytest.mark.parametrize("what", ["file", "folder", "stale-wal"],
                         ids=["file-read-only", "file-and-folder-read-only", "read-only-beside-another-workers-wal"])
def test_a_sqlite_file_that_was_read_only_is_written_again_without_a_restart(tmp_path, what):
    done = subprocess.run(
        [*without_root_privilege(), sys.executable, "-m", "tests.readonly_sqlite", str(tmp_path / "run"), what],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"]["status"] == 303
    # Read-only: the patient keeps the answers and is sent to a person; the
    # health check says so.
    assert seen["read_only"]["submit"] == {"status": 503, "answers_kept": True, "not_saved": True}
    assert seen["read_only"]["health"] == {"status": 503, "database": "not writable"}
    # Writable again: the same worker saves, with no restart.
    assert seen["writable_again"]["health"] == {"status": 200, "database": "ok"}
    assert seen["writable_again"]["submit"]["status"] == 303
    assert seen["cases"] == 2
    assert "Perpetua" not in done.stderr  # the failure was logged without the patient's answers


def set_read_only(postgres_url, read_only):
    """default_transaction_read_only on the test database: new sessions refuse writes (as on a standby)."""
    url = make_url(postgres_url)
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        value = "on" if read_only else "off"
        connection.exec_driver_sql(f'ALTER DATABASE "{url.database}" SET default_transaction_read_only = {value}')
    admin.dispose()


def test_a_postgresql_session_that_was_read_only_is_not_reused(postgres_url, tmp_path):
    from screening.app import create_app
    from screening.store import migrate
    from screening.web.state import state
    from tests.conftest import drop_tables

    app = create_app({"TESTING": True, "SCREENING_DATABASE_URL": postgres_url}, instance_path=str(tmp_path))
    migrate.upgrade(state(app).engine)
    client = app.test_client()
    data = form_data(valid_record(preferred_name="Perpetua Onslow"), csrf_token(client))
    try:
        set_read_only(postgres_url, True)
        state(app).engine.dispose()  # the worker's next sessions start read-only
        refused = client.post("/", data=data)
        assert refused.status_code == 503
        assert 'value="Perpetua Onslow"' in refused.get_data(as_text=True)
        assert client.get("/healthz").get_json()["database"] == "not writable"
    finally:
        set_read_only(postgres_url, False)
    assert client.get("/healthz").get_json() == HEALTHY
    assert client.post("/", data=data).status_code == 303
    assert case_count(app) == 1
    drop_tables(app)
