"""GET /healthz: database reachability for load balancers, nothing else."""
from flask import Flask

from screening import Screening

UNREACHABLE = "postgresql+psycopg://screening:screening@127.0.0.1:1/nowhere"


def test_healthz_reports_a_reachable_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_healthz_reports_an_unreachable_database(tmp_path, caplog):
    # A host app: unlike the standalone app, it does not touch the database
    # at start-up, so it starts with a database that is not there.
    host = Flask(__name__, instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="test", SCREENING_DATABASE_URL=UNREACHABLE)
    Screening(host)
    response = host.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}
    assert "screening:screening" not in caplog.text
