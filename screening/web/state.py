"""The plugin's per-app state, and the request's database session.

Kept below the blueprints so that views, hooks and the extension all reach
the same state without importing each other.
"""
from dataclasses import dataclass, field

from flask import current_app, g
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..handout.cache import HandoutCache
from .background import BackgroundWorker
from ..store.engine import error_kind
from .framing import NO_FRAMING

EXTENSION = "screening"


@dataclass
class State:
    engine: Engine
    sessions: sessionmaker
    handouts: HandoutCache
    # The CSP frame-ancestors source list, checked once at start-up.
    frame_ancestors: str = NO_FRAMING
    # Where the pages are mounted ("" for the site's root).
    url_prefix: str = ""
    # Settings the plugin cannot serve with (screening.settings.problems);
    # until they are fixed its pages answer 503.
    invalid_settings: tuple = ()
    # Whether the database was found at this code's migrations; checked on
    # each page until it is, then never again.
    schema_ready: bool = False
    schema_reported: bool = False
    # Whether the plugin's own staff accounts sign in here (False when the
    # host runs its own Flask-Login and hands its staff over instead).
    staff_accounts: bool = True
    # The blank first step of the form, drawn once per language and setting
    # (intake/blank.py); own_templates: whether the package's own templates
    # draw it (None: not looked at yet).
    blank_pages: dict = field(default_factory=dict)
    own_templates: bool | None = None
    # Renders a stored case's handout off the request path (web/prerender.py).
    prerender: BackgroundWorker | None = None
    # The plugin's Flask-Limiter (None with limits off), and whether it was
    # last seen counting in memory because its storage failed (web/ratelimit.py).
    limiter: object = None
    limits_degraded: bool = False


def state(app=None):
    return (app or current_app).extensions[EXTENSION]


def db_session() -> Session:
    """This request's database session, opened on first use and closed at teardown."""
    if "screening_db" not in g:
        g.screening_db = state().sessions()
    return g.screening_db


def close_db_session(_error=None):
    session = g.pop("screening_db", None)
    if session is not None:
        try:
            session.close()
        except SQLAlchemyError as error:
            # The connection died after the answer was made (the server shut
            # down between the page's reads and this rollback): the answer
            # stands, the pool has already dropped the connection, and a raise
            # here would turn a good page into the server's bare 500.
            current_app.logger.warning("screening: a database session could not be closed (%s)",
                                       error_kind(error))
