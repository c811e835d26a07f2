"""The plugin's own translation domain.

A host intranet may run Flask-Babel with its own catalogs and locale choice;
the plugin keeps its strings in a domain of its own and picks each page's
language itself (the patient's choice), so neither disturbs the other.
"""
import logging

from flask import request
from flask_babel import Babel, Domain

from . import catalogs
from ..triage.contract import DEFAULT_LANGUAGE, LANGUAGES

domain = Domain(translation_directories=[str(catalogs.TRANSLATIONS)], domain=catalogs.DOMAIN)
gettext = domain.gettext
ngettext = domain.ngettext
lazy_gettext = domain.lazy_gettext

log = logging.getLogger(__name__)


def init_babel(app):
    ensure_compiled()
    if "babel" not in app.extensions:
        Babel(app)


def ensure_compiled():
    """Compile any missing or stale .mo before the first page is translated.

    An installed wheel already carries them (hatch_build.py); a checkout (the
    test suite, `flask run` from the repository) has only the .po sources, and
    this keeps it working without a separate build step. A read-only install
    whose .mo look older than their .po is left as it is: the build made them.
    """
    try:
        catalogs.compile_stale()
    except OSError as error:
        log.warning("could not compile the screening catalogs: %s", error)


def language_or_default(value):
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def browser_language():
    """For pages that know no record: the tablet's own language preference."""
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def template_helpers():
    """Jinja names for the plugin's templates: `_` looks up this domain."""
    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}
