"""Redis stopped mid-run (issue 21, finding 2): the limits fall back to each
process's memory, the patient never sees a 500 on the form or the API,
/healthz reports "limits": "degraded", and the log says so once."""
import subprocess
from pathlib import Path

import pytest

from tests.helpers import case_count, csrf_token, form_data, valid_record

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 4


@pytest.fixture
def own_redis():
    """A Redis of this test's own (scripts/start-redis), and a way to stop it mid-test."""
    started = subprocess.run([ROOT / "scripts" / "start-redis"], capture_output=True, text=True, check=True)
    folder, *_rest, url = started.stdout.split()

    def stop():
        subprocess.run([ROOT / "scripts" / "stop-redis", folder], check=True)

    yield url, stop
    stop()  # again is harmless: the folder is gone


def outage_lines(caplog):
    return [r for r in caplog.records if "rate-limit storage" in r.getMessage()]


def test_when_redis_stops_patients_still_get_results_and_healthz_says_degraded(make_app, own_redis, caplog):
    url, stop_redis = own_redis
    app = make_app(
        SCREENING_RATELIMIT_STORAGE_URI=url,
        SCREENING_RATELIMIT_FORM=f"{LIMIT} per minute",
        SCREENING_RATELIMIT_API=f"{LIMIT} per minute",
        # What a patient would get: a 500 page, not an exception in the test.
        PROPAGATE_EXCEPTIONS=False,
    )
    client = app.test_client()
    data = form_data(valid_record(), csrf_token(client))
    health = client.get("/healthz")
    assert health.get_json()["limits"] == "ok"
    assert client.post("/", data=data).status_code == 303  # counted in Redis

    stop_redis()
    # The patient sends the form and reads the result; the tablet's program asks the API.
    sent = client.post("/", data=data)
    assert sent.status_code == 303
    assert client.get(sent.headers["Location"]).status_code == 200
    assert client.post("/api/v1/triage", json=valid_record()).status_code == 200
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json() == {"status": "ok", "database": "ok", "settings": "ok", "limits": "degraded"}

    # The limits still hold, counted in this process's memory from the outage on.
    form = [client.post("/", data=data).status_code for _ in range(LIMIT)]
    api = [client.post("/api/v1/triage", json=valid_record()).status_code for _ in range(LIMIT)]
    assert form == [303] * (LIMIT - 1) + [429]
    assert api == [200] * (LIMIT - 1) + [429]
    assert case_count(app) == 1 + LIMIT
    assert not [r for r in caplog.records if r.exc_info]  # no traceback logged

    [line] = outage_lines(caplog)  # once, for the dozen requests above
    assert line.levelname == "ERROR" and "unreachable" in line.getMessage()
    assert url not in line.getMessage()


@pytest.mark.sqlite_only
def test_healthz_reports_limits_off_when_they_are_switched_off(make_app):
    health = make_app(SCREENING_RATELIMIT_ENABLED=False).test_client().get("/healthz")
    assert health.status_code == 200 and health.get_json()["limits"] == "off"
