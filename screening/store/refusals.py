"""Refused sign-ins and API calls: counted in their own table, audited sparingly. No Flask.

Counting refusals in the audit itself made the audit the attacker's: 1,000
anonymous sign-in posts wrote 1,000 audit rows. Here each refusal is a row
of screening_refusal (the app may delete these; old ones go as new ones
come), and the audit gets a row only at a window's 1st, 10th, 100th...
refusal of one kind from one address, so a flood leaves a handful of rows
that still say how big it was.
"""
from datetime import timedelta

from sqlalchemy import delete, func, select

from .models import Refusal, utcnow

# Wrong passwords for an account and address since the window opened; tries
# refused while a delay ran; API calls with no key or a wrong one.
SIGN_IN, UNKNOWN, WAITING, API_KEY, API_RATE = "sign-in", "unknown-user", "waiting", "api-key", "api-rate"
WRONG_SIGN_INS = (SIGN_IN, UNKNOWN)
# Rows older than this many windows are never counted again.
KEPT_WINDOWS = 2


def add(session, kind, *, window, account=None, address=None, at=None, per_account=False):
    """Count one refusal; how many of this kind came from this address (or,
    per_account, for this account from anywhere) in the window, it included."""
    now = at or utcnow()
    session.execute(delete(Refusal).where(Refusal.at < now - KEPT_WINDOWS * window))
    session.add(Refusal(at=now, kind=kind, account=account, address=address))
    session.flush()
    if per_account:
        return tally(session, kind, now - window, account=account)[0]
    return tally(session, kind, now - window, address=address)[0]


def _kinds(kind):
    return Refusal.kind.in_(kind) if isinstance(kind, tuple) else Refusal.kind == kind


def tally(session, kind, since, *, account=None, address=None):
    """(how many, the newest one's moment or None): refusals of a kind (or a
    tuple of kinds) since a moment, for an account, an address, or both."""
    query = select(func.count(), func.max(Refusal.at)).where(_kinds(kind), Refusal.at >= since)
    if account is not None:
        query = query.where(Refusal.account == account)
    if address is not None:
        query = query.where(Refusal.address == address)
    return tuple(session.execute(query).one())


def forget(session, kind, *, account, address):
    """A right password from this address: its own earlier typos stop counting."""
    session.execute(delete(Refusal).where(Refusal.kind == kind, Refusal.account == account,
                                          Refusal.address == address))


def worth_auditing(n):
    """The 1st, 10th, 100th... refusal of a window gets an audit row."""
    while n >= 10 and n % 10 == 0:
        n //= 10
    return n == 1


def window(minutes):
    return timedelta(minutes=float(minutes))
