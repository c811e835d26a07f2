"""The case store's engine and sessions, one per Flask app."""
import logging
import os

from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker


def sqlite_url(instance_path):
    return "sqlite:///" + os.path.join(instance_path, "screening.sqlite3")


def _tune_sqlite(dbapi_connection, _record):
    # WAL lets readers go on while the tablet writes; NORMAL
    # synchronous is safe with WAL and much faster per submission.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


log = logging.getLogger(__name__)

# A health check must answer while the database hangs, not wait for the OS.
CONNECT_TIMEOUT_SECONDS = 5


def make_engine(url):
    # hide_parameters: a failed statement must not print a record into the logs.
    options = {"hide_parameters": True, "pool_pre_ping": not url.startswith("sqlite")}
    if url.startswith("postgresql"):
        options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    return engine


def make_sessionmaker(engine):
    return sessionmaker(engine, expire_on_commit=False)


def reachable(engine):
    """Whether the database answers a trivial query."""
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        # The class only: a driver's message may name the server and user.
        log.warning("screening database unreachable (%s)", type(error).__name__)
        return False
    return True
