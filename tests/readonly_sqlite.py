"""A worker whose SQLite file turns read-only, then writable again: what the
patient and the health check see at each step, printed as JSON.

Run by tests/test_healthz.py in a process of its own, because root ignores
file modes: there the process runs without CAP_DAC_OVERRIDE, so a chmod binds
it as it binds the unprivileged user a clinic's app runs as.

    python -m tests.readonly_sqlite FOLDER file|folder|stale-wal
"""
import json
import os
import sqlite3
import sys

from screening.app import create_app
from screening.store import migrate
from screening.store.migrate import VERSION_TABLE
from screening.web.state import state
from tests.helpers import case_count, csrf_token, form_data, valid_record

NAME = "Perpetua Onslow"


def main(folder, what):
    data = os.path.join(folder, "data")
    os.makedirs(data)
    database = os.path.join(data, "cases.sqlite3")
    app = create_app(
        {"SECRET_KEY": "test", "SCREENING_DATABASE_URL": f"sqlite:///{database}"},
        instance_path=os.path.join(folder, "instance"),
    )
    migrate.upgrade(state(app).engine)
    client = app.test_client()

    def submit():
        response = client.post("/", data=form_data(valid_record(preferred_name=NAME), csrf_token(client)))
        page = response.get_data(as_text=True)
        return {"status": response.status_code, "answers_kept": f'value="{NAME}"' in page,
                "not_saved": "We could not save your answers" in page}

    def health():
        response = client.get("/healthz")
        return {"status": response.status_code, "database": response.get_json()["database"]}

    seen = {"before": submit()}
    # The worker's connections close (a restart, a recycled pool): the next
    # one is opened while the file is read-only.
    state(app).engine.dispose()
    if what == "stale-wal":
        leave_unreplayed_wal(database)
    os.chmod(database, 0o444)
    if what == "folder":
        os.chmod(data, 0o555)
    if what == "stale-wal":
        for name in os.listdir(data):
            os.chmod(os.path.join(data, name), 0o444)
    seen["read_only"] = {"submit": submit(), "health": health()}
    # Writable again, as `chmod u+w cases.sqlite3*` makes it: the -wal and
    # -shm files made while it was read-only copied its read-only mode.
    os.chmod(data, 0o755)
    for name in os.listdir(data):
        os.chmod(os.path.join(data, name), 0o600)
    # Same app, same process, no restart.
    seen["writable_again"] = {"health": health(), "submit": submit()}
    seen["cases"] = case_count(app)
    print(json.dumps(seen))


def leave_unreplayed_wal(database):
    """Another worker writes and dies without closing (as gunicorn's workers
    end): its WAL stays beside the file, not yet copied into it, for the
    next process to replay, which it cannot while the files are read-only."""
    pid = os.fork()
    if pid == 0:
        other = sqlite3.connect(database)
        for _ in range(50):
            other.execute(f"UPDATE {VERSION_TABLE} SET version_num = version_num")  # noqa: S608
            other.commit()
        os._exit(0)
    os.waitpid(pid, 0)


if __name__ == "__main__":
    main(*sys.argv[1:])
