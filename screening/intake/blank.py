"""The first step of a new form, drawn once and reused.

Drawing the questions (the `question` macro, WTForms' widgets, the lazy
translations of every label) was nine tenths of a form GET. A new form's
first step differs between patients only in its CSRF token, so it is drawn
once for each language and setting, and each request splices its own token
in. Answers are never cached: only the blank page of a new form is.

A host that overrides one of these templates (an intranet whose base page
shows the signed-in user, say) may draw something different each time, so
pages drawn from templates other than the package's own are never cached.
"""
from pathlib import Path

from flask import current_app, request
from flask_wtf.csrf import generate_csrf

from .. import resources
from ..web import kiosk
from ..web.state import state

TEMPLATES = ("screening/base.html", "screening/intake.html", "screening/_fields.html",
             "screening/_early_stop.html")
# Stands in for the token in a cached page; cannot occur in a drawn page,
# whose text is escaped and whose tokens are URL-safe base64.
MARK = "\0csrf\0"


def first_step(language, draw):
    """The blank first step in `language`; `draw()` draws it afresh (with this
    request's token) when it is not cached yet or may not be."""
    if not _own_templates():
        return draw()
    pages = state().blank_pages
    key = _key(language)
    cached = pages.get(key)
    if cached is not None:
        return cached.replace(MARK, generate_csrf(), 1)
    page = draw()
    token = generate_csrf()
    if page.count(token) == 1:
        pages[key] = page.replace(token, MARK)
    return page


def _key(language):
    """Everything the blank page shows besides its token: a change to any of
    these settings at run time draws a new page rather than serve an old one."""
    config = current_app.config
    timer = kiosk.timer_attributes(language)
    return (
        language,
        request.script_root,
        config["SCREENING_CLINIC_NAME"],
        kiosk.enabled(),
        tuple(sorted(timer.items())) if timer else None,
    )


def _own_templates():
    plugin = state()
    if plugin.own_templates is None:
        ours = resources.folder("templates").resolve()
        environment = current_app.jinja_env
        plugin.own_templates = all(
            ours in Path(environment.get_template(name).filename or "").resolve().parents for name in TEMPLATES
        )
    return plugin.own_templates
