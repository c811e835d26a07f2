import os

import pytest
from sqlalchemy import text

from examples.host_app import create_app as create_host_app
from screening.app import create_app
from screening.store import migrate
from screening.store.migrate import VERSION_TABLE
from screening.store.models import Base
from screening.web.state import state

POSTGRES_URL = os.environ.get("SCREENING_TEST_POSTGRES_URL")
SQLITE_ONLY = "sqlite_only"
# Pre-rendering costs a WeasyPrint render (~0.3 s) for each routine case
# stored, and the suite stores thousands: off unless a test turns it on (in
# the fixtures' config, and for every standalone app made here or in a
# subprocess, such as gunicorn's workers, through the environment).
NO_PRERENDER = {"SCREENING_HANDOUT_PRERENDER": False}
TEST_FHIR_BASE = "https://riverside.example.org/screening/fhir"
os.environ["SCREENING_HANDOUT_PRERENDER"] = "false"


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        f"{SQLITE_ONLY}: the test neither stores nor reads a case, so it runs once, on SQLite, "
        "instead of once per database",
    )


def pytest_generate_tests(metafunc):
    """Every test that uses the database runs on SQLite and PostgreSQL, unless marked sqlite_only."""
    if "database_url" in metafunc.fixturenames:
        kinds = ["sqlite"] if metafunc.definition.get_closest_marker(SQLITE_ONLY) else ["sqlite", "postgresql"]
        metafunc.parametrize("database_url", kinds, indirect=True)


@pytest.fixture(scope="session")
def postgres_url():
    """A database of this test run's own on the PostgreSQL server, so that two
    runs sharing a server never drop each other's tables."""
    if not POSTGRES_URL:
        pytest.fail(
            "SCREENING_TEST_POSTGRES_URL is not set: run the suite with scripts/test, "
            "which starts a throwaway PostgreSQL of its own"
        )
    from sqlalchemy import create_engine, make_url

    server = make_url(POSTGRES_URL)
    own = server.set(database=f"{server.database}_{os.getpid()}")
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{own.database}"')
        connection.exec_driver_sql(f'CREATE DATABASE "{own.database}"')
    yield own.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(scope="session")
def redis_url():
    """The throwaway Redis that scripts/test starts, as a limits storage URL."""
    url = os.environ.get("SCREENING_TEST_REDIS_URL")
    if not url:
        pytest.fail("SCREENING_TEST_REDIS_URL is not set: run the suite with scripts/test, which starts Redis")
    return url


@pytest.fixture
def database_url(request, tmp_path):
    """The embedded default or production's database (see pytest_generate_tests)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path}/cases.sqlite3"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def make_app(database_url, tmp_path):
    """create_app on the test database, with extra settings, migrated as
    `flask screening db upgrade` would (migrated=False: left as it is);
    tables dropped after."""
    made = []

    def make(migrated=True, **config):
        app = create_app(
            {
                "TESTING": True,
                "SCREENING_DATABASE_URL": database_url,
                "SCREENING_CLINIC_NAME": "Riverside Clinic",
                # A clinic that exports FHIR sets its base; tests of the unset case say so.
                "SCREENING_FHIR_BASE": TEST_FHIR_BASE,
                **NO_PRERENDER,
                **config,
            },
            instance_path=str(tmp_path / "instance"),
        )
        made.append(app)
        if migrated:
            migrate.upgrade(state(app).engine)
        return app

    yield make
    for app in made:
        drop_tables(app)


def drop_tables(app):
    """The plugin's tables and its migration version table: the next app starts from empty."""
    # No pre-render may still be writing into a table about to go.
    assert state(app).prerender.drain(timeout=60), "a handout pre-render did not finish"
    engine = state(app).engine
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text(f"DROP TABLE IF EXISTS {VERSION_TABLE}"))
    engine.dispose()


@pytest.fixture
def app(make_app):
    return make_app()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def host_app(database_url):
    """The example intranet from the docs, with the plugin mounted at /intake."""
    host = create_host_app(
        {"TESTING": True, "SECRET_KEY": "test", "SCREENING_DATABASE_URL": database_url, **NO_PRERENDER}
    )
    result = host.test_cli_runner().invoke(args=["screening", "init-db"])
    assert result.exit_code == 0, result.output
    yield host
    drop_tables(host)


@pytest.fixture
def serve_app():
    """serve_app(app, host) -> the app's URL on a real socket on loopback."""
    import threading

    from werkzeug.serving import make_server

    servers = []

    def serve(app, host="127.0.0.1"):
        server = make_server(host, 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://{host}:{server.server_port}"

    yield serve
    for server in servers:
        server.shutdown()


@pytest.fixture
def live_server(app, serve_app):
    """The app for a real browser."""
    return serve_app(app)


CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, driven by Playwright (which cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def staff_app(make_app):
    """The app for the staff side's browser tests: its queue polls fast so a
    test does not wait (a hidden tab still slows to every 5 s)."""
    return make_app(SCREENING_STAFF_POLL_SECONDS=0.3, SCREENING_TIMEZONE="America/Chicago")


@pytest.fixture
def tablet(browser):
    """A portrait tablet with a touch screen."""
    context = browser.new_context(viewport={"width": 768, "height": 1024}, has_touch=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def bare_migrated_to_baseline(database_url, tmp_path):
    """An engine on a database at the first migration, as old installations are."""
    from alembic import command
    from flask import Flask

    from screening import Screening

    host = Flask(__name__, instance_path=str(tmp_path))
    host.config.update(SECRET_KEY="test", SCREENING_DATABASE_URL=database_url)
    Screening(host)
    engine = state(host).engine
    command.upgrade(migrate.config(engine), migrate.BASELINE)
    yield engine
    drop_tables(host)
