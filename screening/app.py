"""The standalone application (wsgi.py); a clinic's own app uses Screening instead."""
import os
import secrets

from flask import Flask

from .db import create_tables
from .extension import Screening, state
from .handout import preload as preload_handout

SECRET_KEY_FILE = "secret_key"


def instance_secret_key(instance_path):
    """The instance folder's secret key, made once on first run.

    Written with O_EXCL so that several workers starting together agree on
    one key instead of each signing sessions with its own.
    """
    os.makedirs(instance_path, exist_ok=True)
    path = os.path.join(instance_path, SECRET_KEY_FILE)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        with open(path) as existing:
            key = existing.read().strip()
        if key:
            return key
        raise RuntimeError(f"{path} is empty: delete it to make a new key") from None
    key = secrets.token_hex(32)
    with os.fdopen(fd, "w") as new:
        new.write(key)
    return key


def create_app(test_config=None, instance_path=None):
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path, static_folder=None)
    app.config.from_mapping(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    for env, key in (("SCREENING_SECRET_KEY", "SECRET_KEY"), ("SCREENING_DATABASE_URL", "SCREENING_DATABASE_URL")):
        if os.environ.get(env):
            app.config[key] = os.environ[env]
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)
    Screening(app)
    # Parse the handout's stylesheets and fonts now, once per worker, so no
    # patient waits for it on their first print.
    preload_handout()
    create_tables(state(app).engine)
    return app
