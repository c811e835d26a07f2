"""Staff accounts: passwords hashed with Argon2id, sign-out everywhere. No Flask."""
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from zxcvbn import zxcvbn

from .models import ROLES, StaffUser

# argon2-cffi's defaults (RFC 9106's low-memory profile: 64 MiB, 3 passes).
hasher = PasswordHasher()


@cache
def _dummy_hash():
    """Verified against when the username is unknown, so a wrong name costs as
    long as a wrong password and timing does not tell which names exist
    (made on first use: a hash takes a few hundred milliseconds)."""
    return hasher.hash("no such user: this hash only burns the same time")

# ASVS level 2 asks for 12 at least; a long passphrase is easier to type and to remember.
PASSWORD_MIN = 12
USERNAME_MAX = 80


# zxcvbn's scale: 3 is "safely unguessable: moderate protection from an
# offline slow-hash scenario" (10^10 guesses), what ASVS 2.1.7's strength
# check asks of a password that Argon2id guards.
STRENGTH_MIN = 3
# zxcvbn's time grows with the length; a 200-character paste must not cost seconds.
STRENGTH_CHECKED_CHARS = 100


class AccountError(ValueError):
    """A username, role or password that cannot be used (the message says why).

    `problem` names which password rule failed ("short", "blank" or "weak"),
    so a form can say it in the reader's language.
    """

    def __init__(self, message, problem=None):
        super().__init__(message)
        self.problem = problem


def check_password_rules(password, username=None):
    if len(password) < PASSWORD_MIN:
        raise AccountError(f"the password must have at least {PASSWORD_MIN} characters", "short")
    if not password.strip():
        # Twelve spaces are twelve characters, and the first thing tried.
        raise AccountError("the password must not be only spaces", "blank")
    # The username (and the product's own words) count as known to an attacker.
    known = [word for word in (username, "screening", "leg", "clinic") if word]
    if zxcvbn(password[:STRENGTH_CHECKED_CHARS], user_inputs=known)["score"] < STRENGTH_MIN:
        raise AccountError("the password is too easy to guess: use a few words that do not go together, "
                           "not a common word, name, date or keyboard row", "weak")


def check_role(role):
    if role not in ROLES:
        raise AccountError(f"the role must be one of: {', '.join(ROLES)}")


def find_user(session, username):
    return session.scalar(select(StaffUser).where(StaffUser.username == username))


def create_user(session, username, password, *, role, display_name=None):
    username = (username or "").strip()
    if not username or len(username) > USERNAME_MAX or any(ch.isspace() for ch in username):
        raise AccountError(f"the username must be 1 to {USERNAME_MAX} characters without spaces")
    check_role(role)
    check_password_rules(password, username)
    if find_user(session, username) is not None:
        raise AccountError(f"there is already a user called {username}")
    user = StaffUser(username=username, display_name=(display_name or username).strip()[:120], role=role,
                     password_hash=hasher.hash(password), active=True, session_generation=0)
    session.add(user)
    session.commit()
    return user


def authenticate(session, username, password):
    """The active user with this username and password, or None."""
    user = find_user(session, username) if username else None
    if user is None or not user.active:
        try:
            hasher.verify(_dummy_hash(), password or "")
        except VerificationError:
            pass
        return None
    try:
        hasher.verify(user.password_hash, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
        session.commit()
    return user


def set_password(session, user, password):
    """A new password, and every session that user had is signed out."""
    check_password_rules(password, user.username)
    user.password_hash = hasher.hash(password)
    user.session_generation += 1
    session.commit()


def sign_out_everywhere(session, user):
    user.session_generation += 1
    session.commit()


def set_active(session, user, active):
    user.active = bool(active)
    user.session_generation += 1
    session.commit()


def set_role(session, user, role):
    check_role(role)
    user.role = role
    user.session_generation += 1
    session.commit()


def all_users(session):
    return session.scalars(select(StaffUser).order_by(StaffUser.username)).all()
