"""API keys for other systems (SCREENING_API_KEYS): read, checked, compared in constant time.

Every key is named, because the audit names the system that used it
(`api:<name>`) and must never name it by its secret. The setting is a TOML
table {name = "key"} or the text "name=key name2=key2" (spaces or commas
between entries); a key is everything after the first "=" of its entry.
A key is at least MIN_KEY_LENGTH characters, or given as its SHA-256
("name=sha256:<64 hex digits>"), so the settings need not hold the secret.
Anything else is an invalid setting: `flask screening check` names it and
the plugin refuses to serve until it is fixed (never a guess at what was
meant: an unnamed base64 key once became the key "=").
"""
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from flask import current_app, request

SETTING = "SCREENING_API_KEYS"
MIN_KEY_LENGTH = 32
HASH_PREFIX = "sha256:"
# Names are written into the audit and shown to admins: plain words only.
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
SHA256_HEX = re.compile(r"[0-9a-fA-F]{64}")
EXAMPLE = "name=key, or name=sha256:<hex>"


@dataclass(frozen=True)
class Keys:
    # name -> SHA-256 digest of the key: plain keys are hashed once read, so
    # every comparison is of equal-length digests.
    digests: dict
    # Why the setting is invalid, one sentence each; never a key's text.
    problems: tuple

    def names(self):
        return sorted(self.digests)


def digest(key):
    return hashlib.sha256(key.encode()).digest()


def new_key():
    """A fresh random key (43 characters), and its hash as the setting stores it."""
    key = secrets.token_urlsafe(32)
    return key, HASH_PREFIX + digest(key).hex()


def _entries(value):
    """(name, key) pairs in the setting's order, or a problem when its type is wrong."""
    if isinstance(value, dict):
        return list(value.items()), None
    if isinstance(value, str):
        pairs = []
        for entry in value.replace(",", " ").split():
            name, sep, key = entry.partition("=")
            pairs.append((name if sep else None, key))
        return pairs, None
    if isinstance(value, (list, tuple)):
        kind = "a list"
    elif isinstance(value, bool):
        kind = "true or false"
    elif isinstance(value, (int, float)):
        kind = "a number"
    else:
        kind = f"of type {type(value).__name__}"
    return [], f"is {kind}; give a table of name = key (or the text {EXAMPLE})"


def _key_problem(key):
    if not isinstance(key, str):
        return "is not text"
    if key.startswith(HASH_PREFIX):
        if not SHA256_HEX.fullmatch(key[len(HASH_PREFIX):]):
            return f"starts with {HASH_PREFIX} but is not 64 hexadecimal digits after it"
        return None
    if len(key) < MIN_KEY_LENGTH:
        return (f"is {len(key)} characters long after the name's '='; a key needs at least "
                f"{MIN_KEY_LENGTH} (or give its {HASH_PREFIX} hash)")
    return None


def parse(value):
    """The valid keys of the setting, and every problem with it (an empty setting is no key).

    Problems name entries by their number, never by their text: what looks
    like a name may be a secret that lost its own (this text reaches logs).
    """
    if value is None or value == "" or value == {}:
        return Keys({}, ())
    pairs, problem = _entries(value)
    problems = [problem] if problem else []
    digests = {}
    number_of = {}
    for number, (name, key) in enumerate(pairs, start=1):
        if name is None:
            problems.append(f"entry {number} has no name: write each key as {EXAMPLE}")
            continue
        if not isinstance(name, str) or not NAME.fullmatch(name):
            problems.append(f"entry {number} has no valid name (letters, digits, '.', '_' or '-', "
                            f"at most 64, before the first '='): write it as {EXAMPLE}")
            continue
        trouble = _key_problem(key)
        if trouble:
            problems.append(f"the key of entry {number} {trouble}")
            continue
        if name in digests:
            problems.append(f"entries {number_of[name]} and {number} have the same name")
            continue
        found = bytes.fromhex(key[len(HASH_PREFIX):]) if key.startswith(HASH_PREFIX) else digest(key)
        same = [other for other, known in digests.items() if known == found]
        if same:
            # The audit could not tell which system used it.
            problems.append(f"entries {number_of[same[0]]} and {number} have the same key")
            continue
        digests[name] = found
        number_of[name] = number
    return Keys(digests, tuple(problems))


def caller():
    """The name of the key this request carries (Authorization: Bearer <key>), or None."""
    scheme, _sep, presented = request.headers.get("Authorization", "").partition(" ")
    presented = presented.strip()
    if scheme.lower() != "bearer" or not presented:
        return None
    wanted = digest(presented)
    found = None
    # Every key is compared, so the time taken does not tell which one nearly
    # matched; an invalid setting's valid entries still never answer a 500.
    for name, known in parse(current_app.config[SETTING]).digests.items():
        if hmac.compare_digest(wanted, known):
            found = name
    return found
