"""The case store's engine and sessions, one per Flask app."""
import os

from sqlalchemy import create_engine, event
from sqlalchemy.orm import sessionmaker

from .models import Base


def sqlite_url(instance_path):
    return "sqlite:///" + os.path.join(instance_path, "screening.sqlite3")


def _tune_sqlite(dbapi_connection, _record):
    # WAL lets the clinician queue read while the tablet writes; NORMAL
    # synchronous is safe with WAL and much faster per submission.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url):
    # hide_parameters: a failed statement must not print a record into the logs.
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"), hide_parameters=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
    return engine


def make_sessionmaker(engine):
    return sessionmaker(engine, expire_on_commit=False)


def create_tables(engine):
    Base.metadata.create_all(engine)
