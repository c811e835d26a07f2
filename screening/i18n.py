"""The plugin's own translation domain.

A host intranet may run Flask-Babel with its own catalogs and locale choice;
the plugin keeps its strings in a domain of its own and picks each page's
language itself (the patient's choice), so neither disturbs the other.
"""
from pathlib import Path

from flask import current_app
from flask_babel import Babel, Domain

from .contract import DEFAULT_LANGUAGE, LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parent / "translations"

domain = Domain(translation_directories=[str(TRANSLATIONS)], domain="screening")
gettext = domain.gettext
lazy_gettext = domain.lazy_gettext


def init_babel(app):
    if "babel" not in app.extensions:
        Babel(app)


def language_or_default(value):
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def template_helpers():
    """Jinja names for the plugin's templates: `_` looks up this domain."""
    return {"_": gettext, "gettext": gettext, "languages": LANGUAGES}
