"""Where the standalone app's settings come from, and what is unset or wrong in them.

screening/config.py holds every setting's default; docs/configuration.md
explains them. The standalone app layers, later winning: those defaults,
the instance folder's config.toml, SCREENING_* environment variables, and
a test's own settings. A host app sets the same keys in its own config;
`check` reads whatever the app ended up with, so it serves both.
"""
import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from limits import parse_many

from .api import keys
from .config import defaults
from .handout.render import PAPERS, ClinicInfo, logo_file

PREFIX = "SCREENING_"
INSTANCE_FILE = "config.toml"
# Flask's SECRET_KEY under the plugin's prefix, in the file or the environment.
SECRET_KEY_SETTING = "SCREENING_SECRET_KEY"  # noqa: S105 (a setting's name, not a secret)
# The environment only: the folder cannot be named by a file inside it.
INSTANCE_PATH_VARIABLE = "SCREENING_INSTANCE_PATH"
NOT_IN_DEFAULTS = (SECRET_KEY_SETTING, INSTANCE_PATH_VARIABLE)

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


class SettingsError(ValueError):
    """A setting the plugin cannot even be mounted with (the URL prefix)."""


def parse(raw, default):
    """An environment variable's text as the type of its default.

    Text settings stay text, so a phone or emergency number such as "911"
    is never turned into a number; counts and minutes become numbers,
    switches booleans. What does not parse is kept as text for `check`
    to report, rather than failing start-up here.
    """
    if isinstance(default, bool):
        word = raw.strip().lower()
        return True if word in TRUE else False if word in FALSE else raw
    if isinstance(default, (int, float, tuple, list)):
        # Numbers, and JSON for the settings that also take a dict or a list
        # (SCREENING_PROXY_FIX, SCREENING_FRAME_ANCESTORS).
        try:
            value = json.loads(raw)
        except ValueError:
            return raw
        return value if isinstance(value, (int, float, dict, list)) and not isinstance(value, bool) else raw
    return raw


def from_environment(environ=None):
    """The known SCREENING_* settings present in the environment, parsed."""
    environ = os.environ if environ is None else environ
    found = {key: parse(environ[key], default) for key, default in defaults().items() if key in environ}
    if environ.get(SECRET_KEY_SETTING):
        found["SECRET_KEY"] = environ[SECRET_KEY_SETTING]
    return found


def instance_file(instance_path):
    return Path(instance_path) / INSTANCE_FILE


def from_instance_file(instance_path):
    """Every upper-case key of the instance folder's config.toml; {} when there is none."""
    path = instance_file(instance_path)
    try:
        with open(path, "rb") as source:
            loaded = tomllib.load(source)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path}: {error}") from None
    found = {key: value for key, value in loaded.items() if key.isupper()}
    if found.get(SECRET_KEY_SETTING):
        found["SECRET_KEY"] = found.pop(SECRET_KEY_SETTING)
    return found


@dataclass(frozen=True)
class Problem:
    key: str
    message: str
    # "invalid": the plugin refuses to serve until it is fixed;
    # "unset": it serves, but patients miss something the clinic should give.
    kind: str

    def __str__(self):
        return f"{self.key}: {self.message}"


def url_prefix_problem(prefix):
    """Why a URL prefix cannot be mounted, or None (empty means the site's root)."""
    if prefix in ("", None):
        return None
    if not isinstance(prefix, str) or not prefix.startswith("/"):
        return f"{prefix!r} must start with '/', like '/intake'"
    if prefix != "/" and (prefix.endswith("/") or "//" in prefix):
        return f"{prefix!r} must not end with '/' or hold '//', like '/intake'"
    if any(c.isspace() or c in "<>?#%\\" for c in prefix):
        return f"{prefix!r} must not hold spaces or any of < > ? # % \\"
    return None


def _number(value, minimum=0, whole=False):
    kinds = int if whole else (int, float)
    return isinstance(value, kinds) and not isinstance(value, bool) and value > minimum


def _rate_limit_problem(value):
    try:
        parse_many(value)
    except (ValueError, TypeError):
        return f"{value!r} is not a rate limit like '60 per minute'"
    return None


ESCALATING_LEVELS = ("urgent", "emergency")


def escalation_minutes(value):
    """SCREENING_ESCALATE_MINUTES as {"urgent": minutes, "emergency": minutes}.

    A dict (config.toml, Python) or text ("urgent=30 emergency=5", or JSON,
    from the environment); a level left out keeps its default. ValueError
    names what is wrong.
    """
    minutes = {"urgent": 30.0, "emergency": 5.0}
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("{"):
            try:
                value = json.loads(text)
            except ValueError:
                raise ValueError(f"{value!r} is not valid JSON") from None
        else:
            pairs = [part.partition("=") for part in text.replace(",", " ").split()]
            value = {name.strip(): number for name, _eq, number in pairs}
    if not isinstance(value, dict):
        raise ValueError(f"{value!r} is not a table of minutes per level (urgent, emergency)")
    for level, number in value.items():
        if level not in ESCALATING_LEVELS:
            raise ValueError(f"{level!r} is not urgent or emergency")
        try:
            number = float(number)
        except (TypeError, ValueError):
            raise ValueError(f"{number!r} for {level} is not a number of minutes") from None
        if not number > 0:
            raise ValueError(f"{number!r} for {level} is not above 0")
        minutes[level] = number
    return minutes


def problems(config, url_prefix=None):
    """Every unset or invalid setting in `config`, in the order of config.py.

    `url_prefix`: where the plugin is mounted when the code chose it
    (`Screening(app, url_prefix=...)`) rather than SCREENING_URL_PREFIX.
    """
    found = []

    def invalid(key, message):
        found.append(Problem(key, message, "invalid"))

    def unset(key, message):
        found.append(Problem(key, message, "unset"))

    prefix = config.get("SCREENING_URL_PREFIX", "") if url_prefix is None else url_prefix
    if url_prefix_problem(prefix):
        invalid("SCREENING_URL_PREFIX", url_prefix_problem(prefix) + "; the pages are not mounted anywhere")
    if not config.get("SCREENING_CLINIC_NAME"):
        unset("SCREENING_CLINIC_NAME", "not set: pages and handouts show no clinic name")
    if not config.get("SCREENING_CLINIC_PHONE"):
        unset("SCREENING_CLINIC_PHONE", "not set: the handout's 'call us' lines carry no number")
    logo = config.get("SCREENING_CLINIC_LOGO")
    if logo:
        try:
            missing = not logo_file(ClinicInfo("", "", logo_path=logo)).is_file()
        except ValueError as error:
            invalid("SCREENING_CLINIC_LOGO", str(error))
        else:
            if missing:
                invalid("SCREENING_CLINIC_LOGO", f"{logo!r} is not a file")
    zone = config.get("SCREENING_TIMEZONE")
    if not zone:
        unset("SCREENING_TIMEZONE", "not set: visit times are shown in the server's own time zone")
    else:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            invalid("SCREENING_TIMEZONE", f"{zone!r} is not a time zone name like 'America/Chicago'")
    paper = config.get("SCREENING_HANDOUT_PAPER")
    if paper not in PAPERS:
        invalid("SCREENING_HANDOUT_PAPER", f"{paper!r} is not one of {', '.join(PAPERS)}")
    if not config.get("SCREENING_EMERGENCY_NUMBER"):
        unset("SCREENING_EMERGENCY_NUMBER", "not set: urgent pages and handouts say 'your local emergency number'")
    for key, whole, minimum in (
        ("SCREENING_HANDOUT_CACHE_SIZE", True, -1),
        ("SCREENING_MAX_BODY_BYTES", True, 0),
        ("SCREENING_KIOSK_IDLE_MINUTES", False, 0),
        ("SCREENING_KIOSK_WARNING_MINUTES", False, 0),
        ("SCREENING_RESULT_MINUTES", False, 0),
        ("SCREENING_STAFF_SESSION_HOURS", False, 0),
    ):
        if not _number(config.get(key), minimum, whole):
            wanted = f"a whole number of at least {minimum + 1}" if whole else f"a number above {minimum}"
            invalid(key, f"{config.get(key)!r} is not {wanted}")
    for key in ("SCREENING_KIOSK", "SCREENING_HANDOUT_PRERENDER", "SCREENING_RATELIMIT_ENABLED"):
        if not isinstance(config.get(key), bool):
            invalid(key, f"{config.get(key)!r} is not true or false")
    if config.get("SCREENING_KIOSK") is True and not str(config.get("SCREENING_KIOSK_STAFF_PIN") or ""):
        unset("SCREENING_KIOSK_STAFF_PIN",
              "not set while SCREENING_KIOSK is on: anyone at the tablet can close an emergency or urgent result")
    for key in ("SCREENING_RATELIMIT_FORM", "SCREENING_RATELIMIT_API", "SCREENING_RATELIMIT_API_CASES",
                "SCREENING_RATELIMIT_API_KEY"):
        message = _rate_limit_problem(config.get(key))
        if message:
            invalid(key, message)
    try:
        escalation_minutes(config.get("SCREENING_ESCALATE_MINUTES", {}))
    except ValueError as error:
        invalid("SCREENING_ESCALATE_MINUTES", str(error))
    api_keys = keys.parse(config.get(keys.SETTING))
    if api_keys.problems:
        invalid(keys.SETTING, "; ".join(api_keys.problems))
    base = config.get("SCREENING_FHIR_BASE")
    if not base:
        unset("SCREENING_FHIR_BASE", "not set: the FHIR Questionnaire, CodeSystems and case exports answer 503")
    elif _fhir_base_problem(base):
        invalid("SCREENING_FHIR_BASE", _fhir_base_problem(base))
    return found


def _fhir_base_problem(base):
    """Why a FHIR base URL cannot name canonical resources, or None."""
    if not isinstance(base, str):
        return f"{base!r} is not a URL"
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment or " " in base:
        return f"{base!r} is not an http(s) URL without '?' or '#', like 'https://clinic.example.org/fhir'"
    return None


def unknown_keys(config_file_settings):
    """SCREENING_* keys in the instance file that are no setting (a typo, say)."""
    known = set(defaults()) | set(NOT_IN_DEFAULTS)
    return sorted(key for key in config_file_settings if key.startswith(PREFIX) and key not in known)
