"""API keys for other systems (SCREENING_API_KEYS), compared in constant time."""
import hmac

from flask import current_app, request

SETTING = "SCREENING_API_KEYS"


def configured_keys(value):
    """{name: key} from a dict, or from a string "name=key name2=key2"."""
    if not value:
        return {}
    if isinstance(value, dict):
        return {str(name): str(key) for name, key in value.items() if key}
    keys = {}
    for number, entry in enumerate(value.replace(",", " ").split(), start=1):
        name, sep, key = entry.partition("=")
        if sep and key:
            keys[name] = key
        else:
            keys[f"key-{number}"] = entry
    return keys


def caller():
    """The name of the key this request carries (Authorization: Bearer <key>), or None."""
    scheme, _sep, presented = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not presented.strip():
        return None
    presented = presented.strip().encode()
    found = None
    # Every key is compared, so the time taken does not tell which one nearly matched.
    for name, key in configured_keys(current_app.config[SETTING]).items():
        if hmac.compare_digest(presented, key.encode()):
            found = name
    return found
