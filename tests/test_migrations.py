"""The schema comes from Alembic migrations, and they match the models."""
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from sqlalchemy import Column, Integer, MetaData, Table, inspect

from screening import Screening
from screening.store import migrate
from screening.web.state import state
from screening.store.models import Base
from tests.conftest import drop_tables
from tests.helpers import csrf_token, form_data, valid_record


def differences(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"version_table": migrate.VERSION_TABLE, "include_name": migrate.include_name, "compare_type": True},
        )
        return compare_metadata(context, Base.metadata)


def current_revision(engine):
    with engine.connect() as connection:
        return MigrationContext.configure(connection, opts={"version_table": migrate.VERSION_TABLE}).get_current_revision()


def head():
    return ScriptDirectory(migrate.directory()).get_current_head()


def make_bare_host(database_url, tmp_path):
    """A host app, not migrated yet."""
    host = Flask(__name__, instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="test", SCREENING_DATABASE_URL=database_url)
    Screening(host)
    return host


@pytest.fixture
def bare_host(database_url, tmp_path):
    host = make_bare_host(database_url, tmp_path)
    yield host
    drop_tables(host)


@pytest.fixture
def postgres_host(postgres_url, tmp_path):
    """For what only PostgreSQL has."""
    host = make_bare_host(postgres_url, tmp_path)
    yield host
    drop_tables(host)


def test_migrated_schema_equals_the_models(app):
    """`db upgrade` (the fixture's) upgraded an empty database; nothing is left for autogenerate."""
    assert differences(state(app).engine) == []
    assert current_revision(state(app).engine) == head()


def test_migrations_upgrade_an_empty_database_and_back(bare_host):
    engine = state(bare_host).engine
    assert not [t for t in inspect(engine).get_table_names() if t.startswith(migrate.TABLE_PREFIX)]
    runner = bare_host.test_cli_runner()
    result = runner.invoke(args=["screening", "db-upgrade"])
    assert result.exit_code == 0, result.output
    assert "screening_case" in inspect(engine).get_table_names()
    assert current_revision(engine) == head()
    assert differences(engine) == []
    command.downgrade(migrate.config(engine), "base")
    assert "screening_case" not in inspect(engine).get_table_names()


def test_the_rendered_handouts_table_comes_and_goes_with_its_migration(bare_host):
    engine = state(bare_host).engine
    migrate.upgrade(engine)
    assert "screening_handout_pdf" in inspect(engine).get_table_names()
    command.downgrade(migrate.config(engine), "0003")
    assert "screening_handout_pdf" not in inspect(engine).get_table_names()
    assert "screening_case" in inspect(engine).get_table_names()
    migrate.upgrade(engine)
    assert differences(engine) == []


def test_flask_screening_db_upgrade_migrates_the_standalone_app(make_app):
    app = make_app(migrated=False)
    engine, runner = state(app).engine, app.test_cli_runner()
    assert "screening_case" not in inspect(engine).get_table_names()
    result = runner.invoke(args=["screening", "db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert current_revision(engine) == head()
    # Alembic's own check: autogenerate finds nothing to add.
    command.check(migrate.config(engine))


def test_a_database_made_before_migrations_is_adopted(bare_host):
    """A database from before migrations holds only the baseline's case table
    and no version table; it is adopted even with other tables beside it and
    however many tables today's models have."""
    engine = state(bare_host).engine
    command.upgrade(migrate.config(engine), migrate.BASELINE)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"DROP TABLE {migrate.VERSION_TABLE}")
    other = Table("intranet_notes", MetaData(), Column("id", Integer, primary_key=True))
    other.create(engine)
    try:
        migrate.upgrade(engine)
        assert current_revision(engine) == head()
        assert differences(engine) == []
    finally:
        other.drop(engine)


def test_the_hosts_own_tables_are_left_alone(bare_host):
    engine = state(bare_host).engine
    staff = Table("intranet_staff", MetaData(), Column("id", Integer, primary_key=True))
    staff.create(engine)
    try:
        migrate.upgrade(engine)
        assert differences(engine) == []  # no proposal to drop the host's table
        assert "intranet_staff" in inspect(engine).get_table_names()
    finally:
        staff.drop(engine)


def test_the_plugin_keeps_its_own_version_table(bare_host):
    migrate.upgrade(state(bare_host).engine)
    tables = inspect(state(bare_host).engine).get_table_names()
    assert migrate.VERSION_TABLE in tables
    assert "alembic_version" not in tables  # a host's Flask-Migrate keeps that one


def test_migrations_are_found_beside_the_package_in_a_checkout():
    """In a wheel they are inside the package (tests/test_packaging.py)."""
    assert (Path(migrate.directory()) / "env.py").is_file()
    # The baseline that databases made by create_all are stamped at is the first revision.
    assert ScriptDirectory(migrate.directory()).get_revision(migrate.BASELINE).down_revision is None


def test_concurrent_db_upgrades_on_an_empty_postgresql_database_migrate_once(postgres_host, postgres_url, tmp_path):
    """Two deploy scripts (or a script run twice) upgrading at the same moment.

    PostgreSQL only: the advisory lock in env.py is PostgreSQL's; on SQLite
    the deployment docs say to run `flask screening db upgrade` once, before
    the workers start.
    """
    root, go = Path(__file__).resolve().parents[1], tmp_path / "go"
    # Each process loads the app first, then all run the command together when `go` appears.
    start = (
        "import os, sys, time; from screening.app import create_app\n"
        f"app = create_app({{'SECRET_KEY': 'test', 'SCREENING_DATABASE_URL': {postgres_url!r}}}, instance_path={str(tmp_path)!r})\n"
        f"while not os.path.exists({str(go)!r}): time.sleep(0.01)\n"
        "result = app.test_cli_runner().invoke(args=['screening', 'db', 'upgrade'])\n"
        "print(result.output, end=''); sys.exit(result.exit_code)"
    )
    commands = [
        subprocess.Popen([sys.executable, "-c", start], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    go.touch()
    outputs = [command.communicate(timeout=120) for command in commands]
    assert [command.returncode for command in commands] == [0] * 4, [err for _, err in outputs]
    assert [out for out, _ in outputs] == ["Case tables are ready.\n"] * 4
    assert current_revision(state(postgres_host).engine) == head()
    assert differences(state(postgres_host).engine) == []


def test_a_worker_on_an_unmigrated_database_answers_503_until_it_is_migrated(make_app, caplog):
    """Starting does not migrate; the worker says why it cannot serve, then
    serves as soon as `db upgrade` has run, with no restart."""
    app = make_app(migrated=False)
    client = app.test_client()
    for path in ("/", "/?lang=es"):
        response = client.get(path)
        assert response.status_code == 503
        assert response.headers["Cache-Control"] == "no-store"
    page = client.get("/", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Este formulario todavía no está listo" in page
    assert "This form is not ready yet" in client.get("/").get_data(as_text=True)
    logged = [r for r in caplog.records if r.levelname == "ERROR" and "db upgrade" in r.getMessage()]
    assert len(logged) == 1  # once per worker, not once per request
    # The API decides without the database; it keeps working meanwhile.
    assert client.post("/api/v1/triage", json=valid_record()).status_code == 200
    # Migrated from outside this worker, as a deploy script does.
    assert app.test_cli_runner().invoke(args=["screening", "db", "upgrade"]).exit_code == 0
    assert client.get("/").status_code == 200
    assert client.post("/", data=form_data(valid_record(), csrf_token(client))).status_code == 303
