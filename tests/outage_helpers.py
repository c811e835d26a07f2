"""A real database outage for a test, and its end: the app's database stops
taking connections (PostgreSQL) or its file is gone (SQLite)."""
import contextlib
import os
import shutil

from sqlalchemy import create_engine, make_url, text

from screening.web.state import state


def _postgres_connections(url, allowed):
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'ALTER DATABASE "{url.database}" ALLOW_CONNECTIONS {str(allowed).lower()}')
        if not allowed:
            # The app's open connections end as in a server crash.
            connection.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"), {"name": url.database})
    admin.dispose()


@contextlib.contextmanager
def database_down(app):
    """While inside, every new connection of the app fails; after, it works again."""
    url = make_url(app.config["SCREENING_DATABASE_URL"])
    engine = state(app).engine
    engine.dispose()
    if url.get_backend_name() == "postgresql":
        _postgres_connections(url, False)
        try:
            yield
        finally:
            _postgres_connections(url, True)
        return
    path = url.database
    moved = [(p, p + ".away") for p in (path, path + "-wal", path + "-shm") if os.path.exists(p)]
    for here, away in moved:
        os.rename(here, away)
    os.mkdir(path)  # a folder where the file was: SQLite cannot open it
    try:
        yield
    finally:
        engine.dispose()
        shutil.rmtree(path)
        for here, away in moved:
            os.rename(away, here)
