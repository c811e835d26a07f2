"""Staff accounts: passwords hashed with Argon2id, sign-out everywhere. No Flask."""
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

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


class AccountError(ValueError):
    """A username, role or password that cannot be used (the message says why)."""


def check_password_rules(password):
    if len(password) < PASSWORD_MIN:
        raise AccountError(f"the password must have at least {PASSWORD_MIN} characters")
    if not password.strip():
        # Twelve spaces are twelve characters, and the first thing tried.
        raise AccountError("the password must not be only spaces")


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
    check_password_rules(password)
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
    check_password_rules(password)
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
