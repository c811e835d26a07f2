"""Who is signed in on the staff side, and what their role lets them do.

Two sources of staff, checked in this order:
- a host intranet's own sign-in, through SCREENING_STAFF_USER_LOADER (a
  callable answering (username, display name, role) or None), so its staff
  never sign in twice;
- the plugin's own accounts (screening.store.users), signed in with
  Flask-Login. A session names the account and its session generation,
  checked against the account on every request: raising the generation
  (signing out, sign out everywhere, a password reset, disabling the
  account) ends every session of the account at once, a copy of the cookie
  included, since the cookie itself cannot be taken back. A session also
  ends SCREENING_STAFF_SESSION_HOURS after sign-in, however busy.

Every staff view is wrapped in `requires(permission)`; the permission table
below is the whole policy, and tests walk the URL map to hold every view to it.
"""
import functools
import logging
import time
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from flask import abort, current_app, g, redirect, request, session, url_for
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from werkzeug.utils import import_string
from sqlalchemy import bindparam, select

from ..store import users
from ..store.models import ROLES, StaffUser
from ..web.state import db_session, state

log = logging.getLogger(__name__)

# What each role may do. Front desk: the queue, a case's summary, handouts.
# Clinicians: everything about a case. Admins: accounts, audit, exports.
PERMISSIONS = {
    # Admins open the queue and a case as the front desk reads it (no answers).
    "queue": {"front-desk", "clinician", "admin"},
    "case": {"front-desk", "clinician", "admin"},
    # Moving a patient through the day: waiting, with a clinician, done...
    "flow": {"front-desk", "clinician"},
    "answers": {"clinician"},
    # The rules' clinical reasons and a clinician's own reason for a decision:
    # the front desk sees the words the patient was given, no clinical reasoning.
    "clinical-reasons": {"clinician"},
    "reprint": {"front-desk", "clinician"},
    "acknowledge": {"front-desk", "clinician"},
    "summary": {"clinician"},
    "review": {"clinician"},
    "admin": {"admin"},
    # The day in figures: waits, escalations, which rules clinicians overrule.
    "manager": {"clinician", "admin"},
    # Any signed-in staff member (their own session).
    "self": set(ROLES),
}
LOADER_SETTING = "SCREENING_STAFF_USER_LOADER"
SEEN = "screening_staff_seen"
SIGNED_IN_AT = "screening_staff_signed_in_at"
# Unicode categories never in a `next` path: control characters (tab, line
# breaks, NUL...), format characters (zero-width and direction marks) and
# line or paragraph separators.
UNSAFE_IN_NEXT = {"Cc", "Cf", "Zl", "Zp"}
# Why the last session ended on its own: "idle" or "lifetime" (the sign-in page says which).
EXPIRED = "screening_staff_expired"
# Flask-WTF keeps the session's CSRF secret under its field name (WTF_CSRF_FIELD_NAME).
CSRF_DEFAULT_FIELD = "csrf_token"


@dataclass(frozen=True)
class Staff:
    username: str
    display_name: str
    role: str
    # "plugin" for the plugin's own accounts, "host" for the intranet's.
    source: str

    def may(self, permission):
        return self.role in PERMISSIONS[permission]


class SignedIn(UserMixin):
    """The Flask-Login user for one of the plugin's accounts."""

    def __init__(self, user):
        # `user` is a StaffUser or a row of its columns (see WHO).
        self.user_id = user.id
        self.generation = user.session_generation
        self.staff = Staff(user.username, user.display_name, user.role, "plugin")

    def get_id(self):
        return f"{self.user_id}:{self.generation}"


def load_user(session_id):
    try:
        user_id, generation = (int(part) for part in session_id.split(":"))
    except (ValueError, AttributeError):
        return None
    user = db_session().execute(WHO, {"id": user_id}).first()
    if user is None or not user.active or user.session_generation != generation:
        return None
    return SignedIn(user)


# Who a session belongs to, on every staff request (the queue's refreshes
# too): the columns it needs, in a statement built once.
WHO = select(StaffUser.id, StaffUser.username, StaffUser.display_name, StaffUser.role, StaffUser.active,
             StaffUser.session_generation).where(StaffUser.id == bindparam("id"))


def init_staff(app):
    """The plugin's own sign-in, unless the host already runs Flask-Login.

    One app has one LoginManager: a host with its own must hand its staff to
    the plugin through SCREENING_STAFF_USER_LOADER instead.
    """
    if getattr(app, "login_manager", None) is not None:
        if not app.config[LOADER_SETTING]:
            raise RuntimeError(
                "This app already uses Flask-Login: set SCREENING_STAFF_USER_LOADER so the screening "
                "plugin's staff pages know who is signed in (docs/embedding.md)."
            )
        return False
    manager = LoginManager()
    manager.user_loader(load_user)
    manager.session_protection = "basic"
    manager.init_app(app)
    return True


def own_accounts():
    """Whether this app's staff may sign in with the plugin's own accounts."""
    return state().staff_accounts and current_app.login_manager is not None


def _host_loader():
    loader = current_app.config[LOADER_SETTING]
    if isinstance(loader, str):
        loader = import_string(loader.replace(":", "."))
    return loader


def _from_host():
    loader = _host_loader()
    if not loader:
        return None
    found = loader()
    if not found:
        return None
    username, display_name, role = found
    if role not in ROLES:
        # The class of problem only: this is a configuration mistake, not a user's.
        log.warning("SCREENING_STAFF_USER_LOADER gave a role that is not one of %s", ROLES)
        return None
    return Staff(str(username), str(display_name or username), role, "host")


def idle_limit_seconds():
    return float(current_app.config["SCREENING_STAFF_IDLE_MINUTES"]) * 60


def lifetime_seconds():
    return float(current_app.config["SCREENING_STAFF_SESSION_HOURS"]) * 3600


def _ended_by_time():
    """"lifetime" or "idle" when this session has run out, else None.

    Both times are in the signed cookie, so they cannot be moved; a session
    without a sign-in time (made before there was one) has run out too.
    """
    now = time.time()
    signed_in_at, seen = session.get(SIGNED_IN_AT), session.get(SEEN)
    if signed_in_at is None or now - signed_in_at > lifetime_seconds():
        return "lifetime"
    if seen is None or now - seen > idle_limit_seconds():
        return "idle"
    return None


# The pages warn this long before the idle sign-out (half the limit, if that is shorter).
IDLE_WARNING_SECONDS = 60


def idle_state():
    """For the pages' idle warning, while one of the plugin's own accounts is
    signed in: the last activity's stamp (it changes whenever this session
    counts as active, in any tab), the seconds left before the sign-out, and
    when to warn. None for a host's staff (the host ends their sessions)."""
    staff = current_staff()
    seen = session.get(SEEN)
    if staff is None or staff.source != "plugin" or seen is None:
        return None
    limit, now = idle_limit_seconds(), time.time()
    # The session ends at whichever comes first: the idle limit or its whole lifetime.
    left = min(limit - (now - seen), lifetime_seconds() - (now - session.get(SIGNED_IN_AT, now)))
    return {
        "stamp": repr(seen),
        "left_ms": max(0, int(left * 1000)),
        "warning_ms": int(min(IDLE_WARNING_SECONDS, limit / 2) * 1000),
    }


def _from_own_accounts():
    if not own_accounts() or not current_user.is_authenticated:
        return None
    ended = _ended_by_time()
    if ended:
        logout_user()
        _forget_session()
        session[EXPIRED] = ended
        return None
    return current_user.staff


def current_staff():
    """The signed-in staff member for this request, or None."""
    if "screening_staff" not in g:
        g.screening_staff = _from_host() or _from_own_accounts()
    return g.screening_staff


def _new_csrf_secret():
    """Forget the session's CSRF secret, so the next form gets a new one: a
    token someone saw before the sign-in (or planted) is no use after it."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", CSRF_DEFAULT_FIELD)
    session.pop(field, None)
    g.pop(field, None)


def _forget_session():
    session.pop(SEEN, None)
    session.pop(SIGNED_IN_AT, None)
    _new_csrf_secret()
    g.pop("screening_staff", None)


def sign_in(user: StaffUser):
    _forget_session()
    login_user(SignedIn(user))
    session[SEEN] = session[SIGNED_IN_AT] = time.time()
    session.pop(EXPIRED, None)


def sign_out():
    """End this session on the server too: the account's session generation
    goes up, so the cookie (or any copy of it) no longer signs anyone in.
    One counter per account: its sessions on other computers end with it."""
    if own_accounts() and current_user.is_authenticated:
        user = db_session().get(StaffUser, current_user.user_id)
        if user is not None:
            users.sign_out_everywhere(db_session(), user)
        logout_user()
    _forget_session()


def requires(permission, passive=False):
    """Wrap a staff view: anonymous people go to the sign-in page, other roles get 403.

    `passive` views (the queue's own refresh) do not count as activity for
    the idle sign-out.
    """
    if permission not in PERMISSIONS:
        raise ValueError(permission)

    def wrap(view):
        @functools.wraps(view)
        def guarded(*args, **kwargs):
            staff = current_staff()
            if staff is None:
                return redirect(url_for("screening.staff.sign_in_page", next=_local_path()), code=303)
            if not staff.may(permission):
                abort(403)
            if staff.source == "plugin" and not passive:
                session[SEEN] = time.time()
            return view(*args, **kwargs)

        guarded.screening_permission = permission
        return guarded

    return wrap


def _local_path():
    return request.full_path.rstrip("?") if request.method == "GET" else None


def safe_next(target):
    """`target` when it is a path on this site, else None (the caller's own page).

    Never another host (an open redirect) and never a 500: a browser strips
    tabs and line breaks from a URL and reads a backslash as a slash, so
    "/<tab>/evil.example/" and "/<backslash>evil.example" lead off-site, and a line break
    cannot go into a Location header at all. The value is checked as given
    and once more percent-decoded, as a proxy or a browser might read it.
    """
    if not isinstance(target, str):
        return None
    for form in (target, unquote(target)):
        if not form.startswith("/") or form.startswith("//") or "\\" in form:
            return None
        if any(unicodedata.category(ch) in UNSAFE_IN_NEXT for ch in form):
            return None
        parts = urlsplit(form)
        if parts.scheme or parts.netloc:
            return None
    return target
