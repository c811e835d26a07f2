"""Settings: where the standalone app reads them, in which order, and what
start-up and `flask screening check` say about missing or wrong ones."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from screening import settings
from screening.app import create_app
from screening.config import defaults

ROOT = Path(__file__).resolve().parents[1]

# One valid value for every setting, other than its default, as the text an
# environment variable holds and as the value the app must end up with.
# A setting added to config.py without a line here fails the first test.
SAMPLES = {
    "SCREENING_DATABASE_URL": ("sqlite:///{tmp}/sample.sqlite3", "sqlite:///{tmp}/sample.sqlite3"),
    "SCREENING_URL_PREFIX": ("/intake", "/intake"),
    "SCREENING_CLINIC_NAME": ("Riverside Clinic", "Riverside Clinic"),
    "SCREENING_CLINIC_PHONE": ("0123 456 789", "0123 456 789"),
    "SCREENING_CLINIC_LOGO": ("icons/routine.svg", "icons/routine.svg"),
    "SCREENING_TIMEZONE": ("America/Chicago", "America/Chicago"),
    "SCREENING_HANDOUT_PAPER": ("letter", "letter"),
    "SCREENING_EMERGENCY_NUMBER": ("911", "911"),  # text, never the number 911
    "SCREENING_HANDOUT_CACHE_SIZE": ("64", 64),
    "SCREENING_HANDOUT_PRERENDER": ("false", False),
    "SCREENING_MAX_BODY_BYTES": ("32768", 32768),
    "SCREENING_KIOSK": ("true", True),
    "SCREENING_KIOSK_IDLE_MINUTES": ("2.5", 2.5),
    "SCREENING_KIOSK_WARNING_MINUTES": ("0.5", 0.5),
    "SCREENING_RESULT_MINUTES": ("15", 15),
    "SCREENING_FRAME_ANCESTORS": ("https://intranet.example.org", "https://intranet.example.org"),
    "SCREENING_PROXY_FIX": ("1", 1),
    "SCREENING_RATELIMIT_ENABLED": ("false", False),
    "SCREENING_RATELIMIT_FORM": ("30 per minute", "30 per minute"),
    "SCREENING_RATELIMIT_API": ("100 per minute", "100 per minute"),
    "SCREENING_RATELIMIT_API_CASES": ("50 per minute", "50 per minute"),
    "SCREENING_RATELIMIT_API_KEY": ("40 per minute", "40 per minute"),
    # Unused while SCREENING_RATELIMIT_ENABLED is false above: no Redis needed.
    "SCREENING_RATELIMIT_STORAGE_URI": ("redis://localhost:6379/0", "redis://localhost:6379/0"),
    "SCREENING_STAFF_IDLE_MINUTES": ("20", 20),
    "SCREENING_STAFF_SESSION_HOURS": ("8.5", 8.5),
    "SCREENING_STAFF_USER_LOADER": ("intranet.staff:signed_in", "intranet.staff:signed_in"),
    "SCREENING_STAFF_SIGNIN_WINDOW_MINUTES": ("10", 10),
    "SCREENING_STAFF_SIGNIN_MAX_PER_ACCOUNT": ("3", 3),
    "SCREENING_STAFF_SIGNIN_MAX_PER_ADDRESS": ("12", 12),
    "SCREENING_STAFF_POLL_SECONDS": ("4", 4),
    "SCREENING_STAFF_ALERT_HOURS": ("12", 12),
    # Text from the environment; the queue reads it through settings.escalation_minutes.
    "SCREENING_ESCALATE_MINUTES": ("urgent=20 emergency=3", "urgent=20 emergency=3"),
    "SCREENING_AUDIT_RETENTION_DAYS": ("400", 400),
    "SCREENING_FHIR_BASE": ("https://clinic.example.org/fhir", "https://clinic.example.org/fhir"),
    "SCREENING_API_KEYS": ("records=a-long-random-key-0123456789abcdef", "records=a-long-random-key-0123456789abcdef"),
    "SCREENING_KIOSK_STAFF_PIN": ("2468", "2468"),  # text: a PIN may start with 0
    "SCREENING_RATELIMIT_STAFF_PIN": ("3 per minute", "3 per minute"),
    "SCREENING_PRINTER": ("front-desk", "front-desk"),
    "SCREENING_PRINTER_PLACE": ("the window by the door", "the window by the door"),
    "SCREENING_PRINTER_TIMEOUT_SECONDS": ("20", 20),
}
SETTINGS_FILE = "config.toml"


def toml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_settings_file(instance, values):
    instance.mkdir(parents=True, exist_ok=True)
    lines = [f"{key} = {toml_value(value)}" for key, value in values.items()]
    (instance / SETTINGS_FILE).write_text("\n".join(lines) + "\n")


def expected(tmp_path):
    return {key: value.format(tmp=tmp_path) if isinstance(value, str) else value for key, (_, value) in SAMPLES.items()}


@pytest.fixture
def clean_environment(monkeypatch):
    """No SCREENING_* setting from the machine running the tests."""
    for key in list(os.environ):
        if key.startswith(settings.PREFIX) and key != "SCREENING_TEST_POSTGRES_URL":
            monkeypatch.delenv(key)
    return monkeypatch


def test_every_setting_has_a_sample():
    assert set(SAMPLES) == set(defaults())
    assert all(expected(Path("/x"))[key] != default for key, default in defaults().items())


def test_every_setting_is_read_from_the_environment(tmp_path, clean_environment):
    for key, (text, _) in SAMPLES.items():
        clean_environment.setenv(key, text.format(tmp=tmp_path))
    app = create_app(instance_path=str(tmp_path / "instance"))
    assert {key: app.config[key] for key in SAMPLES} == expected(tmp_path)
    assert app.test_client().get("/intake/healthz").get_json()["settings"] == "ok"


def test_every_setting_is_read_from_the_instance_settings_file(tmp_path, clean_environment):
    instance = tmp_path / "instance"
    write_settings_file(instance, expected(tmp_path))
    app = create_app(instance_path=str(instance))
    assert {key: app.config[key] for key in SAMPLES} == expected(tmp_path)
    assert app.test_client().get("/intake/healthz").get_json()["settings"] == "ok"


def test_environment_wins_over_the_file_and_test_settings_over_both(tmp_path, clean_environment):
    instance = tmp_path / "instance"
    write_settings_file(instance, {
        "SCREENING_CLINIC_NAME": "Name from the file",
        "SCREENING_CLINIC_PHONE": "555-0100",
        "SCREENING_TIMEZONE": "Europe/Madrid",
    })
    clean_environment.setenv("SCREENING_CLINIC_NAME", "Name from the environment")
    clean_environment.setenv("SCREENING_CLINIC_PHONE", "555-0101")
    app = create_app({"SCREENING_CLINIC_PHONE": "555-0199"}, instance_path=str(instance))
    assert app.config["SCREENING_CLINIC_NAME"] == "Name from the environment"
    assert app.config["SCREENING_CLINIC_PHONE"] == "555-0199"
    assert app.config["SCREENING_TIMEZONE"] == "Europe/Madrid"  # only the file set it
    assert app.config["SCREENING_HANDOUT_PAPER"] == defaults()["SCREENING_HANDOUT_PAPER"]  # nobody did


def test_the_secret_key_comes_from_the_file_or_the_environment(tmp_path, clean_environment):
    instance = tmp_path / "instance"
    write_settings_file(instance, {"SCREENING_SECRET_KEY": "from-the-file"})
    assert create_app(instance_path=str(instance)).config["SECRET_KEY"] == "from-the-file"
    clean_environment.setenv("SCREENING_SECRET_KEY", "from-the-environment")
    assert create_app(instance_path=str(instance)).config["SECRET_KEY"] == "from-the-environment"
    assert not (instance / "secret_key").exists()


def test_the_instance_folder_can_be_named_in_the_environment(tmp_path, clean_environment):
    instance = tmp_path / "var" / "screening"
    write_settings_file(instance, {"SCREENING_CLINIC_NAME": "Found by its folder"})
    clean_environment.setenv("SCREENING_INSTANCE_PATH", str(instance))
    app = create_app()
    assert app.instance_path == str(instance)
    assert app.config["SCREENING_CLINIC_NAME"] == "Found by its folder"


def test_a_broken_settings_file_stops_the_app_naming_the_file(tmp_path, clean_environment):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / SETTINGS_FILE).write_text('SCREENING_CLINIC_NAME = "Riverside\n')
    with pytest.raises(settings.SettingsError, match=re.escape(str(instance / SETTINGS_FILE))):
        create_app(instance_path=str(instance))


@pytest.mark.parametrize("text, default, value", [
    ("911", "", "911"),
    ("0123", "", "0123"),
    ("yes", False, True),
    ("OFF", True, False),
    ("maybe", False, "maybe"),  # kept for `check` to report
    ("0.5", 3, 0.5),
    ("ten", 3, "ten"),
    ('{"x_for": 1, "x_proto": 1}', 0, {"x_for": 1, "x_proto": 1}),
    ('["https://a.example.org"]', (), ["https://a.example.org"]),
    ("https://a.example.org https://b.example.org", (), "https://a.example.org https://b.example.org"),
])
def test_environment_text_is_read_as_the_type_of_its_default(text, default, value):
    assert settings.parse(text, default) == value
    assert type(settings.parse(text, default)) is type(value)


def warnings_about(caplog, key):
    return [r for r in caplog.records if r.levelname == "WARNING" and key in r.getMessage()]


def test_a_missing_phone_or_emergency_number_is_a_warning_at_start(tmp_path, caplog, clean_environment):
    create_app({"SCREENING_CLINIC_NAME": "Riverside Clinic"}, instance_path=str(tmp_path / "a"))
    assert warnings_about(caplog, "SCREENING_CLINIC_PHONE")
    assert warnings_about(caplog, "SCREENING_EMERGENCY_NUMBER")
    caplog.clear()
    create_app(
        {"SCREENING_CLINIC_PHONE": "555-0134", "SCREENING_EMERGENCY_NUMBER": "911"}, instance_path=str(tmp_path / "b")
    )
    assert not warnings_about(caplog, "SCREENING_CLINIC_PHONE")
    assert not warnings_about(caplog, "SCREENING_EMERGENCY_NUMBER")


COMPLETE = {
    "SCREENING_CLINIC_NAME": "Riverside Clinic",
    "SCREENING_CLINIC_PHONE": "555-0134",
    "SCREENING_EMERGENCY_NUMBER": "911",
    "SCREENING_TIMEZONE": "America/Chicago",
    "SCREENING_FHIR_BASE": "https://riverside.example.org/screening/fhir",
}


def check(app):
    return app.test_cli_runner().invoke(args=["screening", "check"])


def test_check_passes_a_complete_configuration(tmp_path, clean_environment):
    result = check(create_app(COMPLETE, instance_path=str(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "Every setting is set and valid." in result.output


def test_check_lists_what_is_unset_and_still_passes(tmp_path, clean_environment):
    result = check(create_app({"SCREENING_CLINIC_NAME": "Riverside Clinic"}, instance_path=str(tmp_path)))
    assert result.exit_code == 0
    unset = re.findall(r"^unset +(SCREENING_\w+):", result.output, re.M)
    assert unset == ["SCREENING_CLINIC_PHONE", "SCREENING_TIMEZONE", "SCREENING_EMERGENCY_NUMBER",
                     "SCREENING_FHIR_BASE"]


def test_check_warns_of_a_kiosk_without_a_staff_pin(tmp_path, clean_environment):
    """Without a PIN, the patient at the tablet could close their own emergency result."""
    kiosk = {**COMPLETE, "SCREENING_KIOSK": True, "SCREENING_KIOSK_STAFF_PIN": ""}
    result = check(create_app(kiosk, instance_path=str(tmp_path)))
    assert result.exit_code == 0
    assert re.search(r"^unset +SCREENING_KIOSK_STAFF_PIN: .*anyone at the tablet can close", result.output, re.M)
    with_pin = check(create_app({**kiosk, "SCREENING_KIOSK_STAFF_PIN": "4821"}, instance_path=str(tmp_path)))
    assert "SCREENING_KIOSK_STAFF_PIN" not in with_pin.output


@pytest.mark.parametrize("key, value, complaint", [
    ("SCREENING_TIMEZONE", "America/Chicgo", "not a time zone name"),
    ("SCREENING_HANDOUT_PAPER", "a3", "not one of a4, letter"),
    ("SCREENING_URL_PREFIX", "intake", "must start with '/'"),
    ("SCREENING_URL_PREFIX", "/intake/", "must not end with '/'"),
    ("SCREENING_KIOSK_IDLE_MINUTES", "three", "not a number"),
    ("SCREENING_RESULT_MINUTES", 0, "not a number above 0"),
    ("SCREENING_HANDOUT_CACHE_SIZE", -1, "not a whole number of at least 0"),
    ("SCREENING_STAFF_SESSION_HOURS", 0, "not a number above 0"),
    ("SCREENING_KIOSK", "maybe", "not true or false"),
    ("SCREENING_RATELIMIT_FORM", "sixty a minute", "not a rate limit"),
    ("SCREENING_CLINIC_LOGO", "no-such-logo.png", "not a file"),
])
def test_check_names_an_invalid_setting_and_fails(tmp_path, clean_environment, key, value, complaint):
    result = check(create_app({**COMPLETE, key: value}, instance_path=str(tmp_path)))
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.startswith("invalid")]
    assert key in line and complaint in line


def test_check_names_unknown_keys_in_the_settings_file(tmp_path, clean_environment):
    write_settings_file(tmp_path, {**COMPLETE, "SCREENING_CLINIC_PHONEE": "555-0135"})
    result = check(create_app(instance_path=str(tmp_path)))
    assert result.exit_code == 0
    assert re.search(r"^unknown +SCREENING_CLINIC_PHONEE: not a setting", result.output, re.M)


def test_with_an_invalid_setting_the_pages_answer_503_and_say_so_in_the_log(tmp_path, caplog, clean_environment):
    app = create_app({**COMPLETE, "SCREENING_TIMEZONE": "America/Chicgo"}, instance_path=str(tmp_path))
    errors = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert any("SCREENING_TIMEZONE" in message and "America/Chicgo" in message for message in errors)
    client = app.test_client()
    page = client.get("/")
    assert page.status_code == 503
    assert "This form is not ready yet" in page.get_data(as_text=True)
    api = client.post("/api/v1/triage", json={})
    assert api.status_code == 503 and api.get_json()["errors"][0]["field"] == "_record"
    assert client.get("/screening-static/screening.css").status_code == 200


def test_an_invalid_prefix_mounts_nothing(tmp_path, clean_environment):
    app = create_app({**COMPLETE, "SCREENING_URL_PREFIX": "intake"}, instance_path=str(tmp_path))
    client = app.test_client()
    assert client.get("/").status_code == 404
    assert client.get("/intake/").status_code == 404


def test_flask_screening_check_from_the_command_line(tmp_path, clean_environment):
    """The command a clinic types, on the standalone app's wsgi module."""
    env = {**os.environ, "SCREENING_INSTANCE_PATH": str(tmp_path), "SCREENING_TIMEZONE": "Mars/Olympus_Mons"}
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "wsgi", "screening", "check"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1
    assert f"Settings file: {tmp_path / SETTINGS_FILE} (none" in done.stdout
    assert re.search(r"^invalid +SCREENING_TIMEZONE: 'Mars/Olympus_Mons'", done.stdout, re.M)


def test_the_configuration_doc_names_every_setting_and_no_other():
    doc = (ROOT / "docs" / "configuration.md").read_text()
    for key in defaults():
        assert f"`{key}`" in doc, f"{key} is not in docs/configuration.md"
    known = set(defaults()) | set(settings.NOT_IN_DEFAULTS) | {"SCREENING_TEST_POSTGRES_URL"}
    for path in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        named = set(re.findall(r"\bSCREENING_[A-Z_]*[A-Z]\b", path.read_text()))
        assert named <= known, f"{path.name} names settings that do not exist: {sorted(named - known)}"
