"""The audit trail is a hash chain: a row changed, removed from the middle or
from the end shows, on `flask screening audit verify` and on the admin's
audit page; rows written before the chain existed are chained by the migration."""
import threading

from sqlalchemy import text

from screening.store import audit, audit_chain, migrate
from screening.store.models import AuditEvent
from screening.web.state import state
from tests.staff_helpers import base_record, signed_in_client, store

TRIGGER = "screening_audit_event_no_update"


def busy_trail(app):
    """A few real audited actions: sign-ins, case views, an admin's audit view."""
    case = store(app, base_record())
    nurse = signed_in_client(app, "clinician", username="nurse")
    nurse.get(f"/staff/case/{case.reference}")
    nurse.get(f"/staff/case/{case.reference}")
    admin = signed_in_client(app, "admin", username="boss")
    return admin


def ids(app):
    with state(app).sessions() as session:
        return [row.id for row in session.query(AuditEvent).order_by(AuditEvent.id)]


def as_owner(app, statement, **values):
    """What someone with the database's owner rights (or the SQLite file) can
    do: switch the append-only trigger off and change the trail."""
    engine = state(app).engine
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text(f"ALTER TABLE screening_audit_event DISABLE TRIGGER {TRIGGER}"))
            connection.execute(text(statement), values)
            connection.execute(text(f"ALTER TABLE screening_audit_event ENABLE TRIGGER {TRIGGER}"))
        else:
            connection.execute(text(f"DROP TRIGGER {TRIGGER}"))
            connection.execute(text(statement), values)


def verify(runner):
    return runner.invoke(args=["screening", "audit", "verify"])


def test_a_trail_as_written_verifies(app, runner):
    admin = busy_trail(app)
    result = verify(runner)
    assert result.exit_code == 0, result.output
    assert f"{len(ids(app))} rows" in result.output
    page = admin.get("/staff/admin/audit").get_data(as_text=True)
    assert "Chain verified" in page and "BROKEN" not in page


def test_a_changed_row_is_found(app, runner):
    admin = busy_trail(app)
    victim = ids(app)[2]
    as_owner(app, "UPDATE screening_audit_event SET username = 'someone else' WHERE id = :id", id=victim)
    result = verify(runner)
    assert result.exit_code == 1
    assert f"BROKEN at row {victim} (changed)" in result.output
    page = admin.get("/staff/admin/audit").get_data(as_text=True)
    assert f"Chain BROKEN at row {victim}" in page


def test_a_row_taken_from_the_middle_is_found(app, runner):
    busy_trail(app)
    rows = ids(app)
    as_owner(app, "DELETE FROM screening_audit_event WHERE id = :id", id=rows[1])
    result = verify(runner)
    assert result.exit_code == 1
    assert f"BROKEN at row {rows[2]} (missing before)" in result.output


def test_the_newest_rows_taken_away_are_found(app, runner):
    busy_trail(app)
    rows = ids(app)
    as_owner(app, "DELETE FROM screening_audit_event WHERE id >= :id", id=rows[-2])
    result = verify(runner)
    assert result.exit_code == 1
    assert "(newest rows missing)" in result.output


def test_a_row_slipped_in_is_found(app, runner):
    busy_trail(app)
    with state(app).engine.begin() as connection:
        connection.execute(text(
            "INSERT INTO screening_audit_event (at, username, action) VALUES (CURRENT_TIMESTAMP, 'ghost', 'view')"))
    result = verify(runner)
    assert result.exit_code == 1
    assert "BROKEN" in result.output


def test_writers_in_parallel_keep_one_chain(app, runner):
    """Workers write at once: each row still links to the one before it."""
    def write(n):
        for i in range(15):
            with state(app).sessions() as session:
                audit.record(session, "view", username=f"worker{n}", detail=str(i))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with state(app).sessions() as session:
        verdict = audit_chain.verify(session)
    assert verdict.ok and verdict.rows == 60


def test_rows_from_before_the_chain_are_chained_by_the_migration(make_app):
    app = make_app(migrated=False)
    engine = state(app).engine
    migrate.upgrade(engine, "0004")
    with engine.begin() as connection:
        for n in range(3):
            connection.execute(text(
                "INSERT INTO screening_audit_event (at, username, action, detail) "
                "VALUES (CURRENT_TIMESTAMP, :name, 'sign-in', 'before the chain')"), {"name": f"old{n}"})
    migrate.upgrade(engine)
    signed_in_client(app, "clinician", username="after")
    result = app.test_cli_runner().invoke(args=["screening", "audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "4 rows" in result.output
