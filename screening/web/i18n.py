"""The plugin's own translation domain.

A host intranet may run Flask-Babel with its own catalogs and locale choice;
the plugin keeps its strings in a domain of its own and picks each page's
language itself (the patient's choice), so neither disturbs the other.
"""
from flask import request
from flask_babel import Babel, Domain

from . import catalogs
from ..triage.contract import DEFAULT_LANGUAGE, LANGUAGES

domain = Domain(translation_directories=[str(catalogs.TRANSLATIONS)], domain=catalogs.DOMAIN)
gettext = domain.gettext
ngettext = domain.ngettext
lazy_gettext = domain.lazy_gettext
lazy_pgettext = domain.lazy_pgettext


def init_babel(app):
    # Compiled by the build (hatch_build.py) or scripts/test and scripts/run;
    # never here, into what may be an installed package.
    catalogs.require_compiled()
    if "babel" not in app.extensions:
        Babel(app)


def language_or_default(value):
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def browser_language():
    """For pages that know no record: the tablet's own language preference."""
    return request.accept_languages.best_match(LANGUAGES) or DEFAULT_LANGUAGE


def template_helpers():
    """Jinja names for the plugin's templates: `_` looks up this domain."""
    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}
