"""The plugin as a Flask extension: `Screening(app)` or `screening.init_app(app)`."""
import os
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from . import db, framing, i18n, ratelimit
from .config import defaults
from .handout_cache import HandoutCache


@dataclass
class State:
    engine: Engine
    sessions: sessionmaker
    handouts: HandoutCache
    # The CSP frame-ancestors source list, checked once at start-up.
    frame_ancestors: str = framing.NO_FRAMING


class Screening:
    def __init__(self, app=None, **options):
        if app is not None:
            self.init_app(app, **options)

    def init_app(self, app, url_prefix=None):
        for key, value in defaults().items():
            app.config.setdefault(key, value)
        url = app.config["SCREENING_DATABASE_URL"]
        if not url:
            os.makedirs(app.instance_path, exist_ok=True)
            url = db.sqlite_url(app.instance_path)
        origins = framing.allowed_origins(app.config[framing.SETTING])
        if origins:
            # The host opted in to framing, and the form cannot keep its
            # session inside a cross-origin frame otherwise. This changes the
            # host's own session cookie too (there is only one): see
            # docs/embedding.md for the trade-off and how to override it.
            app.config.update(framing.FRAMEABLE_COOKIES)
        engine = db.make_engine(url)
        app.extensions["screening"] = State(
            engine,
            db.make_sessionmaker(engine),
            HandoutCache(app.config["SCREENING_HANDOUT_CACHE_SIZE"]),
            framing.frame_ancestors(origins),
        )
        i18n.init_babel(app)

        from .flask_cli import flask_group
        from .views import api_triage, bp

        prefix = app.config["SCREENING_URL_PREFIX"] if url_prefix is None else url_prefix
        app.register_blueprint(bp, url_prefix=prefix or None)
        ratelimit.init_limiter(app, bp)
        app.cli.add_command(flask_group)
        # The JSON API is for other programs, which hold no CSRF token; a
        # host's global CSRFProtect must not block it.
        csrf = app.extensions.get("csrf")
        if csrf is not None:
            csrf.exempt(api_triage)


def state(app):
    return app.extensions["screening"]
