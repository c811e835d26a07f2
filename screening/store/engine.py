"""The case store's engine and sessions, one per Flask app."""
import gc
import logging
import os
import sqlite3

from sqlalchemy import create_engine, event, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from .migrate import VERSION_TABLE, current_heads, heads

# Case files hold patients' answers: readable by the app's own user only.
FOLDER_MODE = 0o700
FILE_MODE = 0o600


def sqlite_url(instance_path):
    return "sqlite:///" + os.path.join(instance_path, "screening.sqlite3")


def owner_only_folder(path):
    """Make `path` owner-only if it is new; an existing folder keeps the mode its owner gave it."""
    os.makedirs(path, mode=FOLDER_MODE, exist_ok=True)


def create_sqlite_file(url):
    """Create a missing SQLite file owner-only before SQLite does (it would
    make it world-readable); its -wal and -shm files copy its mode."""
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    try:
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except (FileExistsError, FileNotFoundError):
        # There already, or its folder is missing (SQLite then says so itself).
        pass


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


# SQLite's primary result codes after which a connection must not be reused:
# one opened while the file was read-only stays read-only for good, and a
# locked or vanished file is worth a fresh open on the next request.
SQLITE_READONLY = 8
SQLITE_DROP_CONNECTION = {
    5,  # SQLITE_BUSY: the file is locked
    6,  # SQLITE_LOCKED
    SQLITE_READONLY,
    10,  # SQLITE_IOERR
    14,  # SQLITE_CANTOPEN
}


def _sqlite_code(error):
    """SQLite's primary result code behind a driver error, or None."""
    if isinstance(error, sqlite3.Error) and getattr(error, "sqlite_errorcode", None) is not None:
        return error.sqlite_errorcode & 0xFF
    return None


def error_kind(error):
    """What a database error was, for the log, without its message (which
    may quote a record): the class, and SQLite's result code name or
    PostgreSQL's SQLSTATE when the driver gives one."""
    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlite_errorname", None) or getattr(original, "sqlstate", None)
    return f"{type(error).__name__} ({code})" if code else type(error).__name__


# PostgreSQL's read_only_sql_transaction: a session opened while the server
# or database was read-only (a standby, default_transaction_read_only) keeps
# refusing writes after it is writable again.
POSTGRES_READ_ONLY = "25006"


def _drop_failed_connection(context):
    """Mark such an error a "disconnect": SQLAlchemy then closes this
    connection and the pool's others (opened under the same conditions), and
    the next request opens fresh ones that see the database as it is now."""
    error = context.original_exception
    if _sqlite_code(error) in SQLITE_DROP_CONNECTION or getattr(error, "sqlstate", None) == POSTGRES_READ_ONLY:
        context.is_disconnect = True
        if _sqlite_code(error) is not None:
            context.dialect.screening_collect_before_connect = True


def _collect_closed_sqlite_connections(dialect, record, cargs, cparams):
    """Before a new SQLite connection, after one was dropped: let the dropped
    ones really close.

    A dropped connection stays open inside SQLite while the failed
    statement's cursor lives, and the cursor is held by a reference cycle
    around the error's traceback until the garbage collector breaks it,
    which in a busy worker may be never. SQLite shares what it knows of a file among all the
    connections of a process, so one such leftover, opened while the file
    was read-only beside a WAL it could not replay, kept every new
    connection read-only too: the worker refused every submission until it
    was restarted (benchmarks/load.py, workers recycled while the file was
    read-only). By the next connection that error is gone, so a collection
    frees it. Rare (only after such an error), so its cost does not matter.
    """
    if getattr(dialect, "screening_collect_before_connect", False):
        dialect.screening_collect_before_connect = False
        gc.collect()


def make_engine(url):
    # hide_parameters: a failed statement must not print a record into the logs.
    options = {"hide_parameters": True, "pool_pre_ping": not url.startswith("sqlite")}
    if url.startswith("postgresql"):
        options["connect_args"] = {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
    if url.startswith("sqlite"):
        create_sqlite_file(url)
    engine = create_engine(url, **options)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _tune_sqlite)
        event.listen(engine, "do_connect", _collect_closed_sqlite_connections)
    event.listen(engine, "handle_error", _drop_failed_connection)
    return engine


def make_sessionmaker(engine):
    return sessionmaker(engine, expire_on_commit=False)


def health(engine):
    """How the database is for the health check: "ok", "unreachable",
    "not migrated" (not at this code's migrations), or "not writable".

    Writing is tried for real, on the plugin's own version table, in a
    transaction that is rolled back: nothing is stored and no patient data
    is touched, but a read-only or locked file, or a read-only server,
    shows up here.
    """
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
            if current_heads(connection) != heads():
                return "not migrated"
    except SQLAlchemyError as error:
        if _sqlite_code(getattr(error, "orig", None)) == SQLITE_READONLY:
            # SQLite could not even set up WAL in a read-only folder.
            log.warning("screening database not writable (%s)", error_kind(error))
            return "not writable"
        # No message: a driver's message may name the server and user.
        log.warning("screening database unreachable (%s)", error_kind(error))
        return "unreachable"
    try:
        with engine.connect() as connection, connection.begin() as transaction:
            # VERSION_TABLE is the plugin's own constant, never input.
            touch = f"UPDATE {VERSION_TABLE} SET version_num = version_num"  # noqa: S608  # nosec B608
            connection.execute(text(touch))
            transaction.rollback()
    except SQLAlchemyError as error:
        log.warning("screening database not writable (%s)", error_kind(error))
        return "not writable"
    return "ok"
