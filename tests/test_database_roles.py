"""PostgreSQL: the app runs under a role of its own that may read and add to
the audit trail but never change, delete or empty it, with the GRANTs that
`flask screening db grants` prints (docs/deployment.md); the tables' owner
runs the migrations."""
import os

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import ProgrammingError

from screening.app import create_app
from screening.store import audit_chain, migrate
from screening.web.state import state
from tests.conftest import NO_PRERENDER
from tests.staff_helpers import base_record, csrf_of, signed_in_client, store

OWNER, APP_ROLE = f"screening_owner_{os.getpid()}", f"screening_app_{os.getpid()}"


@pytest.fixture
def roles(postgres_url, tmp_path):
    """A database owned by an owner role, and the app's role with only the printed GRANTs."""
    server = make_url(postgres_url)
    database = f"{server.database}_roles"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}"')
        for role in (OWNER, APP_ROLE):
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
            connection.exec_driver_sql(f'CREATE ROLE "{role}" LOGIN')
        connection.exec_driver_sql(f'CREATE DATABASE "{database}" OWNER "{OWNER}"')

    def url(role):
        return server.set(database=database, username=role).render_as_string(hide_password=False)

    def app_as(role, folder):
        return create_app({"TESTING": True, "SCREENING_DATABASE_URL": url(role), **NO_PRERENDER},
                          instance_path=str(tmp_path / folder))

    owner = app_as(OWNER, "owner")
    migrate.upgrade(state(owner).engine)
    printed = owner.test_cli_runner().invoke(args=["screening", "db", "grants", APP_ROLE])
    assert printed.exit_code == 0, printed.output
    with state(owner).engine.begin() as connection:
        for statement in printed.output.splitlines():
            connection.exec_driver_sql(statement)
    app = app_as(APP_ROLE, "app")
    yield owner, app
    for made in (owner, app):
        state(made).engine.dispose()
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        for role in (APP_ROLE, OWNER):
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')
    admin.dispose()


def test_the_app_works_under_its_own_role(roles):
    _owner, app = roles
    case = store(app, base_record())
    nurse = signed_in_client(app, "clinician", username="nurse")
    assert nurse.get(f"/staff/case/{case.reference}").status_code == 200
    token = csrf_of(nurse, f"/staff/case/{case.reference}")
    decided = nurse.post(f"/staff/case/{case.reference}/decision",
                         data={"csrf_token": token, "level": "emergency", "reason": "Looks worse in person"})
    assert decided.status_code == 303
    patient = app.test_client()
    assert patient.get("/").status_code == 200
    with state(app).sessions() as session:
        verdict = audit_chain.verify(session)
    assert verdict.ok and verdict.rows >= 3


@pytest.mark.parametrize("statement", [
    "DELETE FROM screening_audit_event",
    "UPDATE screening_audit_event SET username = 'someone else'",
    "TRUNCATE screening_audit_event",
    "ALTER TABLE screening_audit_event DISABLE TRIGGER screening_audit_event_no_update",
    "DROP TABLE screening_audit_event",
])
def test_the_apps_role_cannot_change_the_audit_trail(roles, statement):
    _owner, app = roles
    signed_in_client(app, "clinician", username="nurse")
    with state(app).engine.connect() as connection:
        with pytest.raises(ProgrammingError, match="permission denied|must be owner"):
            connection.execute(text(statement))


def test_the_audit_purge_needs_the_owner_and_says_so(roles):
    owner, app = roles
    store(app, base_record())
    app.config["SCREENING_AUDIT_RETENTION_DAYS"] = 30
    refused = app.test_cli_runner().invoke(args=["screening", "purge", "--older-than", "1"])
    assert refused.exit_code == 1
    assert "only the tables' owner may delete them" in refused.output
    owner.config["SCREENING_AUDIT_RETENTION_DAYS"] = 30
    done = owner.test_cli_runner().invoke(args=["screening", "purge", "--older-than", "1"])
    assert done.exit_code == 0, done.output
