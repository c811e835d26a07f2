"""API keys (issue 21, finding 1): named keys only, long enough or given as a
hash; anything else is an invalid setting that `check` names and the plugin
refuses to serve with, never a key nobody meant and never a 500."""
import hashlib
import re

import pytest

from screening.app import create_app
from tests.conftest import TEST_FHIR_BASE
from tests.staff_helpers import audit_rows, base_record, store

# A base64 key as a key generator prints it, with its padding: the finding's
# "q3Jk...1g==". Its first "=" once made the name "7y0S...1hYg" and the key "=".
UNNAMED = "7y0SfeN7lCuq0GFF5UsMYZofIjJ7LrvPvsePVWSv451hYg=="
KEY = "records-system-key-0123456789abcdef"


def bearer(key):
    return {"Authorization": f"Bearer {key}"}


def check(app):
    return app.test_cli_runner().invoke(args=["screening", "check"])


def invalid_lines(result):
    return [line for line in result.output.splitlines() if line.startswith("invalid")]


def test_an_unnamed_base64_key_is_an_invalid_setting_and_opens_nothing(make_app, caplog):
    app = make_app(SCREENING_API_KEYS=UNNAMED)
    case = store(app, base_record(name="Ana Example", notes="private notes"))
    result = check(app)
    assert result.exit_code == 1
    [line] = invalid_lines(result)
    assert "SCREENING_API_KEYS" in line and "entry 1" in line
    # Neither the key nor what looked like its name reaches the output or the log.
    assert UNNAMED[:20] not in result.output
    assert not any(UNNAMED[:20] in record.getMessage() for record in caplog.records)
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("SCREENING_API_KEYS" in message for message in errors)
    client = app.test_client()
    for key in ("=", UNNAMED):
        answer = client.get(f"/api/v1/cases/{case.reference}", headers=bearer(key))
        assert answer.status_code == 503
        assert "Ana Example" not in answer.get_data(as_text=True)
    assert client.get("/healthz").get_json()["settings"] == "invalid"


@pytest.mark.sqlite_only
@pytest.mark.parametrize("value, complaint", [
    (f"records={KEY[:31]}", "31 characters long"),
    ("records=", "0 characters long"),
    (f"={KEY}", "no valid name"),
    (f"records={KEY} billing={KEY}", "the same key"),
    (f"records={KEY} records={KEY}x", "the same name"),
    ("records=sha256:abc123", "not 64 hexadecimal digits"),
    ({"records": 12345678901234567890123456789012345}, "not text"),
    ({"records": ""}, "0 characters long"),
    ([KEY, KEY + "x"], "is a list"),
    (12345, "is a number"),
    (True, "is true or false"),
])
def test_check_names_every_wrong_key_setting_and_fails(make_app, value, complaint):
    app = make_app(SCREENING_API_KEYS=value)
    result = check(app)
    assert result.exit_code == 1, result.output
    [line] = invalid_lines(result)
    assert "SCREENING_API_KEYS" in line and complaint in line
    assert KEY not in result.output
    client = app.test_client()
    assert client.get("/api/v1/cases/ABC123", headers=bearer(KEY)).status_code == 503
    assert client.post("/api/v1/cases", json=base_record(), headers=bearer(KEY)).status_code == 503


def write_toml(folder, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.toml").write_text(text)


@pytest.mark.sqlite_only
def test_a_toml_list_of_keys_is_refused_rather_than_a_500_on_every_call(tmp_path, monkeypatch):
    monkeypatch.delenv("SCREENING_API_KEYS", raising=False)
    instance = tmp_path / "instance"
    write_toml(instance, f'SCREENING_API_KEYS = ["{KEY}"]\n')
    app = create_app({"TESTING": True, "SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/c.sqlite3"},
                     instance_path=str(instance))
    app.testing = False  # a real error would be a 500 page, not raised into the test
    result = check(app)
    assert result.exit_code == 1
    [line] = invalid_lines(result)
    assert "SCREENING_API_KEYS: is a list" in line
    client = app.test_client()
    assert client.get("/api/v1/cases/ABC123", headers=bearer(KEY)).status_code == 503
    assert client.post("/api/v1/cases", json=base_record(), headers=bearer(KEY)).status_code == 503


def test_a_toml_table_of_keys_works_and_the_audit_names_the_key_not_its_secret(tmp_path, database_url, monkeypatch):
    monkeypatch.delenv("SCREENING_API_KEYS", raising=False)
    instance = tmp_path / "instance"
    write_toml(instance, f'[SCREENING_API_KEYS]\nrecords = "{KEY}"\nbilling = "{KEY[::-1]}"\n')
    app = create_app({"TESTING": True, "SCREENING_DATABASE_URL": database_url,
                      "SCREENING_FHIR_BASE": TEST_FHIR_BASE}, instance_path=str(instance))
    from screening.store import migrate
    from screening.web.state import state
    from tests.conftest import drop_tables

    migrate.upgrade(state(app).engine)
    try:
        result = check(app)
        assert result.exit_code == 0, result.output
        assert "API keys: billing, records" in result.output and KEY not in result.output
        client = app.test_client()
        stored = client.post("/api/v1/cases", json=base_record(), headers=bearer(KEY))
        assert stored.status_code == 201
        reference = stored.get_json()["reference"]
        assert client.get(f"/api/v1/cases/{reference}", headers=bearer(KEY[::-1])).status_code == 200
        assert client.get(f"/api/v1/cases/{reference}", headers=bearer(KEY + "x")).status_code == 401
        rows = audit_rows(app, role="api")
        # The wrong key is audited too, by the refusal, never by what was sent.
        assert [(row.username, row.action) for row in rows] == [
            ("api:records", "import"), ("api:billing", "export"), (None, "api-refused")]
        assert not any(KEY in str(vars(row)) or KEY[::-1] in str(vars(row)) for row in rows)
    finally:
        drop_tables(app)


def test_a_key_is_everything_after_the_first_equals_sign(make_app):
    padded = UNNAMED  # ends in "==", kept whole after the name
    app = make_app(SCREENING_API_KEYS=f"records={padded}, billing={KEY}")
    assert check(app).exit_code == 0
    case = store(app, base_record())
    client = app.test_client()
    assert client.get(f"/api/v1/cases/{case.reference}", headers=bearer(padded)).status_code == 200
    assert client.get(f"/api/v1/cases/{case.reference}", headers=bearer(padded.rstrip("="))).status_code == 401
    assert client.get(f"/api/v1/cases/{case.reference}", headers=bearer("=")).status_code == 401
    assert [row.username for row in audit_rows(app, role="api", action="export")] == ["api:records"]


def test_a_key_given_as_its_sha256_opens_the_api_and_the_hash_itself_does_not(make_app):
    hashed = hashlib.sha256(KEY.encode()).hexdigest()
    app = make_app(SCREENING_API_KEYS=f"records=sha256:{hashed}")
    result = check(app)
    assert result.exit_code == 0, result.output
    assert re.search(r"^API keys: records ", result.output, re.M)
    case = store(app, base_record())
    client = app.test_client()
    assert client.get(f"/api/v1/cases/{case.reference}", headers=bearer(KEY)).status_code == 200
    for wrong in (hashed, f"sha256:{hashed}"):
        assert client.get(f"/api/v1/cases/{case.reference}", headers=bearer(wrong)).status_code == 401
    assert [row.username for row in audit_rows(app, role="api", action="export")] == ["api:records"]


@pytest.mark.sqlite_only
def test_the_new_api_key_command_prints_a_key_and_its_hashed_entry(make_app):
    app = make_app()
    result = app.test_cli_runner().invoke(args=["screening", "new-api-key", "records"])
    assert result.exit_code == 0, result.output
    key = re.search(r"^Key: (\S+)$", result.output, re.M).group(1)
    entry = re.search(r"^SCREENING_API_KEYS entry: (\S+)$", result.output, re.M).group(1)
    assert len(key) >= 32
    assert entry == f"records=sha256:{hashlib.sha256(key.encode()).hexdigest()}"
    configured = make_app(SCREENING_API_KEYS=entry)
    assert check(configured).exit_code == 0
    answer = configured.test_client().get("/api/v1/cases/ABC123", headers=bearer(key))
    assert answer.status_code == 404  # let in, and no such case
