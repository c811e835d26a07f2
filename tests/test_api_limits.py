"""Issue 21, finding 5: the API's case routes are limited per address and per
key, and refused calls (no valid key, past a limit) are audited without
flooding the audit."""
import pytest

from screening.store.models import Case, Refusal
from screening.web.state import state
from tests.helpers import valid_record
from tests.staff_helpers import audit_rows, base_record, store

KEY = "k3y-for-the-records-system-0123456789"
OTHER = "another-k3y-for-the-lab-system-9876543210"


@pytest.fixture
def limited(make_app):
    return make_app(SCREENING_API_KEYS={"records": KEY, "lab": OTHER},
                    SCREENING_RATELIMIT_API_CASES="30 per minute", SCREENING_RATELIMIT_API_KEY="20 per minute")


def client_at(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


def test_wrong_keys_from_one_address_are_refused_by_rate_and_audited_sparingly(limited):
    """The attack as found: 1,000 wrong keys, 0 refusals by rate, 0 audit rows."""
    case = store(limited, base_record())
    guesser = client_at(limited, "203.0.113.5")
    codes = [guesser.get(f"/api/v1/cases/{case.reference}", headers=bearer(f"guess-{n:040d}")).status_code
             for n in range(100)]
    # Calls without a valid key count per address against the per-key limit too (20 here).
    assert codes[:20] == [401] * 20 and set(codes[20:]) == {429}
    rows = audit_rows(limited, action="api-refused")
    details = [r.detail for r in rows]
    assert len(rows) == 4, details  # the 1st and 10th 401, the 1st and 10th 429
    assert "no valid API key; refusal 1 from this address" in details[0]
    assert any("refusal 10 from this address" in d for d in details)
    with state(limited).sessions() as session:
        assert session.query(Refusal).count() == 100


def test_a_valid_key_is_limited_whichever_address_it_comes_from(limited):
    """The attack as found: a valid key read 347 references a second."""
    case = store(limited, base_record())
    codes = [client_at(limited, f"10.0.{n % 5}.{n}").get(f"/api/v1/cases/{case.reference}",
                                                          headers=bearer(KEY)).status_code
             for n in range(40)]
    assert codes[:20] == [200] * 20 and set(codes[20:]) == {429}
    refused = client_at(limited, "10.9.9.9").get(f"/api/v1/cases/{case.reference}", headers=bearer(KEY))
    assert refused.status_code == 429 and "Retry-After" in refused.headers
    assert refused.get_json()["errors"][0]["field"] == "_record"
    # Another system's key has its own count.
    assert client_at(limited, "10.9.9.9").get(f"/api/v1/cases/{case.reference}",
                                              headers=bearer(OTHER)).status_code == 200
    # 21 refusals of one key from 21 addresses: audited at its 1st and 10th.
    rows = audit_rows(limited, action="api-refused")
    assert [r.username for r in rows] == ["api:records", "api:records"]
    assert "refusal 10 for this key" in rows[1].detail


def test_a_valid_key_cannot_store_hundreds_of_cases_in_a_burst(limited):
    """The attack as found: 300 fake emergencies stored in 1.6 s."""
    client = client_at(limited, "10.0.0.1")
    codes = [client.post("/api/v1/cases", json=valid_record(chest_pain="yes"), headers=bearer(KEY)).status_code
             for _ in range(40)]
    assert codes.count(201) == 20 and codes.count(429) == 20
    with state(limited).sessions() as session:
        assert session.query(Case).count() == 20


def test_the_limits_leave_triage_and_the_patient_form_alone(limited):
    case = store(limited, base_record())
    client = client_at(limited, "10.0.0.2")
    for _ in range(25):
        client.get(f"/api/v1/cases/{case.reference}", headers=bearer(KEY))
    assert client.post("/api/v1/triage", json=valid_record()).status_code == 200
    assert client.get("/").status_code == 200
