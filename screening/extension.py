"""The plugin as a Flask extension: `Screening(app)` or `screening.init_app(app)`."""
import logging

from .api.views import bp as api_bp
from . import settings
from .config import defaults
from .handout.cache import HandoutCache
from .intake.views import bp as intake_bp
from .staff import auth as staff_auth
from .staff.routes import bp as staff_bp
from .store import engine as db
from .web import framing, i18n, prerender, ratelimit
from .web.root import root
from .web.state import EXTENSION, State, close_db_session

# Nested once, at import: every app that mounts the plugin registers the same tree.
root.register_blueprint(intake_bp)
root.register_blueprint(api_bp)
root.register_blueprint(staff_bp)

log = logging.getLogger(__name__)


class Screening:
    def __init__(self, app=None, url_prefix=None):
        # Kept for a later init_app(app), as Flask-SQLAlchemy keeps its options.
        self.url_prefix = url_prefix
        if app is not None:
            self.init_app(app)

    def init_app(self, app, url_prefix=None):
        for key, value in defaults().items():
            app.config.setdefault(key, value)
        if url_prefix is None:
            url_prefix = self.url_prefix
        if url_prefix is None:
            url_prefix = app.config["SCREENING_URL_PREFIX"]
        # Checked and reported now, so a clinic reads what is missing in the
        # start-up log rather than from a patient.
        found = settings.problems(app.config, url_prefix)
        report(app, found)
        invalid = tuple(p for p in found if p.kind == "invalid")
        url = app.config["SCREENING_DATABASE_URL"]
        if not url:
            db.owner_only_folder(app.instance_path)
            url = db.sqlite_url(app.instance_path)
        origins = framing.allowed_origins(app.config[framing.SETTING])
        if origins:
            # The host opted in to framing, and the form cannot keep its
            # session inside a cross-origin frame otherwise. This changes the
            # host's own session cookie too (there is only one): see
            # docs/embedding.md for the trade-off and how to override it.
            app.config.update(framing.FRAMEABLE_COOKIES)
        engine = db.make_engine(url)
        cache_size = app.config["SCREENING_HANDOUT_CACHE_SIZE"]
        app.extensions[EXTENSION] = State(
            engine,
            db.make_sessionmaker(engine),
            HandoutCache(cache_size if not invalid else 0),
            framing.frame_ancestors(origins),
            url_prefix=url_prefix,
            invalid_settings=invalid,
            prerender=prerender.new_worker(),
        )
        app.teardown_appcontext(close_db_session)
        prerender.init_app(app, app.extensions[EXTENSION].prerender)
        app.extensions[EXTENSION].staff_accounts = staff_auth.init_staff(app)
        i18n.init_babel(app)

        from .flask_cli import flask_group

        if "csrf" in app.extensions and app.config["SCREENING_RATELIMIT_ENABLED"]:
            # Its check runs before the plugin's limiter: a flood of posts it
            # refuses would never be counted.
            log.warning("CSRFProtect was set up before Screening: set it up after, so that the "
                        "plugin's rate limits count the posts it refuses (docs/embedding.md)")
        if settings.url_prefix_problem(url_prefix) is None:
            app.register_blueprint(root, url_prefix=url_prefix or None)
        if not invalid:
            # (With invalid settings every page answers 503: nothing to limit,
            # and the limiter would trip over a bad limit first.)
            app.extensions[EXTENSION].limiter = ratelimit.init_limiter(app, root)
        app.cli.add_command(flask_group)
        # The JSON API is for other programs, which hold no CSRF token: a
        # host's CSRFProtect must not block it, whether the host set it up
        # before the plugin (exempt now) or after (this hook runs before its
        # check, since it was registered first).
        exempt_api_from_csrf(app)
        app.before_request(lambda: exempt_api_from_csrf(app))


def report(app, found):
    """At start: what the clinic should still set (warnings) and what stops
    the plugin (errors). Setting names and the clinic's own values only."""
    for problem in found:
        if problem.kind == "unset":
            app.logger.warning("screening setting %s", problem)
        else:
            app.logger.error("screening setting %s", problem)
    if any(p.kind == "invalid" for p in found):
        app.logger.error("screening: pages answer 503 until the settings above are fixed")
    if found:
        app.logger.warning("screening: `flask screening check` lists every setting that needs attention")


def exempt_api_from_csrf(app):
    csrf = app.extensions.get("csrf")
    if csrf is not None:
        csrf.exempt(api_bp)


def state(app):
    """Kept for hosts and scripts that imported it from here."""
    return app.extensions[EXTENSION]
