"""A clinic intranet that mounts the screening plugin at /intake.

    flask --app examples.host_app screening db upgrade   # the plugin's tables
    flask --app examples.host_app run

The intranet keeps its own configuration, CSRF protection and Flask-Babel;
the plugin adds its pages under the prefix, and examples/templates/screening/
base.html replaces the plugin's page frame with the intranet's own.
"""
import os

from flask import Flask, render_template_string
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from screening import Screening

HOME = """<!doctype html><title>Northside intranet</title>
<h1>Northside intranet</h1><p><a href="{{ url_for('screening.intake.form') }}">Leg pain check</a></p>"""


def create_app(config=None):
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY=os.environ.get("INTRANET_SECRET_KEY", "dev only: set INTRANET_SECRET_KEY"),
        SESSION_COOKIE_SAMESITE="Lax",
        SCREENING_CLINIC_NAME="Northside Family Practice",
        SCREENING_CLINIC_PHONE="555-0134",
        SCREENING_DATABASE_URL=os.environ.get("INTRANET_DATABASE_URL", ""),
    )
    app.config.update(config or {})
    # The intranet's own extensions come first; the plugin fits in beside
    # them. CSRFProtect after Screening, so that the plugin's rate limits also
    # count the posts it refuses (hooks run in the order they were added).
    Babel(app)
    Screening(app, url_prefix="/intake")
    CSRFProtect(app)

    @app.get("/")
    def home():
        return render_template_string(HOME)

    return app
