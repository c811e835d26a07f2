"""The plugin's parent blueprint: what every one of its pages and endpoints shares.

The patient's pages, the API and (later) the staff pages are blueprints
nested in this one, so its hooks cover all of them: no caching and the
security headers on every response, the body limit, and the error pages.
Handlers tell the API from pages by endpoint, never by URL.
"""
from flask import Blueprint, current_app, render_template, request
from flask_babel import force_locale
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import NotFound, RequestEntityTooLarge, TooManyRequests

from ..resources import folder
from ..store import migrate
from ..triage.validation import RECORD
from . import i18n, kiosk, security
from .state import state

NAME = "screening"
API = f"{NAME}.api."

root = Blueprint(
    NAME,
    __name__,
    template_folder=str(folder("templates")),
    static_folder=str(folder("static")),
    static_url_path="/screening-static",
)


@root.context_processor
def template_helpers():
    return {**i18n.template_helpers(), "kiosk": kiosk.enabled()}


# Werkzeug's own default (1,000) is far more than any form here has.
MAX_FORM_PARTS = 200


@root.url_value_preprocessor
def limit_body(_endpoint, _values):
    """The plugin's body limits, set before any part of the body is read.

    URL value preprocessors run before every before_request hook, the
    host's CSRFProtect included, which reads the whole form: set in a hook,
    the limit came after a 50 MB body was already in memory. A host's own
    routes keep the host's limits (a standalone app sets the same on the app).
    """
    limit = current_app.config["SCREENING_MAX_BODY_BYTES"]
    request.max_content_length = limit
    request.max_form_memory_size = limit
    request.max_form_parts = MAX_FORM_PARTS


# What answers whatever the settings and the database: the stylesheet, and
# the health check, which reports both itself.
ALWAYS_OPEN = {f"{NAME}.static", f"{NAME}.api.healthz"}
# What needs no database: the JSON API decides without storing.
NEEDS_NO_DATABASE = ALWAYS_OPEN | {f"{NAME}.api.triage", f"{NAME}.api.openapi", f"{NAME}.api.questionnaire",
                                   f"{NAME}.api.code_system", f"{NAME}.api.rule_code_system", f"{NAME}.api.definitions"}


@root.before_request
def refuse_until_ready():
    """503 until the plugin can do its job, rather than failing part-way
    through a patient's visit: while a setting is invalid (the start-up log
    and `flask screening check` say which), and while the database is not at
    this code's migrations (`flask screening db upgrade` has not run yet).

    A form POST is let through to its view while the database is unready:
    if the case cannot be stored there, the patient keeps their answers.
    """
    if request.endpoint in ALWAYS_OPEN:
        return None
    plugin = state()
    if plugin.invalid_settings:
        return not_ready()
    if plugin.schema_ready or request.endpoint in NEEDS_NO_DATABASE or request.method == "POST":
        return None
    try:
        plugin.schema_ready = migrate.is_current(plugin.engine)
    except SQLAlchemyError:
        # Unreachable is not unmigrated: the views say so themselves.
        return None
    if plugin.schema_ready:
        return None
    if not plugin.schema_reported:
        plugin.schema_reported = True
        current_app.logger.error(
            "screening: the database is not migrated to this version; "
            "pages answer 503 until `flask screening db upgrade` runs"
        )
    return not_ready()


def not_ready():
    if is_api():
        return api_error("the service is not set up yet; try again later", 503)
    chosen = request.args.get("lang")
    return error_page(503, i18n.language_or_default(chosen) if chosen else i18n.browser_language())


root.after_request(security.protect)


def render_in(language, template, **context):
    with force_locale(language):
        return render_template(template, language=language, **context)


def error_page(status, language):
    # A friendly page for the patient, with nothing from any case on it.
    return render_in(language, "screening/error.html", status=status), status


def is_api():
    return (request.endpoint or "").startswith(API)


def api_error(message, status):
    """The API's error body for a request refused as a whole, not for one field."""
    return {"errors": [{"field": RECORD, "message": message}]}, status


@root.errorhandler(NotFound)
def not_found(error):
    return error_page(404, i18n.browser_language())


@root.errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A short page: the body was never read, so nothing of it is shown back."""
    if is_api():
        return api_error("is too large", 413)
    # The tablet's language: the form's language field is inside the body refused.
    return error_page(413, i18n.browser_language())


@root.errorhandler(TooManyRequests)
def too_many(error):
    """Past a rate limit: a calm page for a patient, JSON for a program; never a stack trace."""
    if is_api():
        return api_error("too many requests; try again in a minute", 429)
    return error_page(429, i18n.language_or_default(request.form.get("language")))
