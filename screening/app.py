"""The standalone application (wsgi.py); a clinic's own app uses Screening instead."""
import json
import os
import secrets

from flask import Flask
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from . import settings
from .extension import Screening
from .handout.render import preload as preload_handout
from .store.engine import owner_only_folder
from .web import security
from .web.root import MAX_FORM_PARTS

SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name, not a secret)


def instance_secret_key(instance_path):
    """The instance folder's secret key, made once on first run.

    Written with O_EXCL so that several workers starting together agree on
    one key instead of each signing sessions with its own.
    """
    owner_only_folder(instance_path)
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


def proxy_fix_options(value):
    """ProxyFix's keyword arguments from SCREENING_PROXY_FIX (a count, a dict or its JSON); {} for none."""
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else 0
        except ValueError:
            raise ValueError(f"SCREENING_PROXY_FIX: {value!r} is neither a count nor a JSON object") from None
    if isinstance(value, bool) or not isinstance(value, (int, dict)):
        raise ValueError(f"SCREENING_PROXY_FIX: {value!r} is neither a count nor a dict")
    if isinstance(value, int):
        # A count trusts that many proxies for the client, scheme and host.
        return {"x_for": value, "x_proto": value, "x_host": value} if value else {}
    unknown = set(value) - {"x_for", "x_proto", "x_host", "x_port", "x_prefix"}
    if unknown:
        raise ValueError(f"SCREENING_PROXY_FIX: unknown keys {sorted(unknown)}")
    return value


def create_app(test_config=None, instance_path=None):
    """The standalone app. Settings, later winning: screening/config.py's
    defaults, the instance folder's config.toml, SCREENING_* environment
    variables, then `test_config` (docs/configuration.md).

    It does not touch the database (so no connection is inherited by
    forked workers either): `flask --app wsgi screening db upgrade` migrates
    it, and until then the pages answer 503 (docs/deployment.md).
    """
    instance_path = instance_path or os.environ.get(settings.INSTANCE_PATH_VARIABLE) or None
    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path, static_folder=None)
    app.config.from_mapping(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.config.from_mapping(settings.from_instance_file(app.instance_path))
    app.config.from_mapping(settings.from_environment())
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(app.instance_path)
    Screening(app)
    # After Screening, so that its rate limits count the posts this refuses
    # (hooks run in the order they were added) and the JSON API is exempted
    # first; CSRFProtect adds the Referer check on HTTPS that the form's own
    # token check lacks.
    CSRFProtect(app)
    # The plugin's headers on every response, not only its own routes' (a
    # 404 outside them, a 405), and TLS-only ones when served over TLS.
    app.after_request(security.protect)
    app.after_request(security.strict_transport)
    app.session_interface = security.TLSSessionInterface()
    # The app serves nothing but the plugin: its limits hold on every route,
    # a 404 or 405 included, not only on the plugin's own.
    limit = app.config["SCREENING_MAX_BODY_BYTES"]
    app.config.update(MAX_CONTENT_LENGTH=limit, MAX_FORM_MEMORY_SIZE=limit, MAX_FORM_PARTS=MAX_FORM_PARTS)
    # Parse the handout's stylesheets and fonts now, once per worker, so no
    # patient waits for it on their first print.
    preload_handout()
    proxy = proxy_fix_options(app.config["SCREENING_PROXY_FIX"])
    if proxy:
        app.wsgi_app = ProxyFix(app.wsgi_app, **proxy)
    return app
