"""The standalone application: first run, the instance folder, plugin set-up."""
import os
import stat

from flask import Flask
from sqlalchemy import inspect

from screening.app import create_app
from screening.extension import Screening
from screening.web.state import state
from tests.helpers import case_count, csrf_token, form_data, valid_record


def mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_first_run_makes_a_secret_key_once(tmp_path):
    instance = tmp_path / "instance"
    first = create_app({"SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}, instance_path=str(instance))
    second = create_app({"SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}, instance_path=str(instance))
    key_file = instance / "secret_key"
    assert len(first.config["SECRET_KEY"]) >= 64
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text()
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


def test_every_install_gets_its_own_secret_key(tmp_path):
    one = create_app({"SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}, instance_path=str(tmp_path / "one"))
    two = create_app({"SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/b.db"}, instance_path=str(tmp_path / "two"))
    assert one.config["SECRET_KEY"] != two.config["SECRET_KEY"]


def test_environment_overrides_secret_and_database(tmp_path, monkeypatch):
    monkeypatch.setenv("SCREENING_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("SCREENING_DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    app = create_app(instance_path=str(tmp_path / "instance"))
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not (tmp_path / "instance" / "secret_key").exists()
    assert str(state(app).engine.url) == f"sqlite:///{tmp_path}/env.db"


def test_default_database_is_sqlite_in_wal_mode_in_the_instance_folder(tmp_path):
    app = create_app(instance_path=str(tmp_path / "instance"))
    engine = state(app).engine
    assert engine.url.database == str(tmp_path / "instance" / "screening.sqlite3")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_the_instance_folder_and_the_sqlite_file_are_the_owners_only(tmp_path):
    # A permissive umask, as many servers have: the modes must not depend on it.
    old_umask = os.umask(0o002)
    try:
        instance = tmp_path / "instance"
        app = create_app(instance_path=str(instance))
        assert app.test_cli_runner().invoke(args=["screening", "db", "upgrade"]).exit_code == 0
        with state(app).engine.connect() as connection:  # the WAL files exist while it is open
            connection.exec_driver_sql("SELECT 1")
            files = {f.name: mode(f) for f in instance.iterdir()}
    finally:
        os.umask(old_umask)
    assert set(files) >= {"screening.sqlite3", "screening.sqlite3-wal", "screening.sqlite3-shm", "secret_key"}
    assert files == dict.fromkeys(files, 0o600)
    assert mode(instance) == 0o700


def test_a_sqlite_file_elsewhere_is_created_owner_only_too(tmp_path):
    app = create_app({"SCREENING_DATABASE_URL": f"sqlite:///{tmp_path}/cases.db"}, instance_path=str(tmp_path / "i"))
    assert mode(tmp_path / "cases.db") == 0o600
    assert app.test_cli_runner().invoke(args=["screening", "db", "upgrade"]).exit_code == 0
    assert mode(tmp_path / "cases.db") == 0o600


def test_starting_the_app_does_not_migrate_the_database(make_app):
    """Migrations are `flask screening db upgrade`'s job, not every worker's start."""
    app = make_app(migrated=False)
    assert not [t for t in inspect(state(app).engine).get_table_names() if t.startswith("screening_")]


def test_init_db_command(make_app):
    app = make_app(migrated=False)
    result = app.test_cli_runner().invoke(args=["screening", "init-db"])
    assert result.exit_code == 0
    assert "ready" in result.output
    assert "screening_case" in inspect(state(app).engine).get_table_names()


def test_plugin_mounts_at_a_prefix_in_a_host_app(tmp_path):
    host = Flask("host", instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="host-secret", SCREENING_DATABASE_URL=f"sqlite:///{tmp_path}/host.db")
    Screening(host, url_prefix="/intake")
    assert host.test_cli_runner().invoke(args=["screening", "db-upgrade"]).exit_code == 0
    client = host.test_client()
    assert client.get("/intake/").status_code == 200
    response = client.post("/intake/", data=form_data(valid_record(), csrf_token(client, "/intake/")))
    assert response.status_code == 303
    assert response.headers["Location"] == "/intake/result"
    assert client.get(response.headers["Location"]).status_code == 200
    assert case_count(host) == 1
    assert client.post("/intake/api/v1/triage", json=valid_record()).status_code == 200


def test_wsgi_module_builds_the_app(tmp_path, monkeypatch):
    monkeypatch.setenv("SCREENING_SECRET_KEY", "x")
    monkeypatch.setenv("SCREENING_DATABASE_URL", f"sqlite:///{tmp_path}/wsgi.db")
    import importlib

    import wsgi

    importlib.reload(wsgi)
    assert wsgi.app.test_cli_runner().invoke(args=["screening", "db", "upgrade"]).exit_code == 0
    assert wsgi.app.test_client().get("/").status_code == 200
