"""How long a sign-in must wait after wrong passwords: a delay that grows, never a lock.

A lock that counted every failure let anyone keep any account locked for
ever (one wrong try every few minutes) and let 20 failures from a clinic's
shared address lock out every right password there. Instead, after the
free tries of the window, each further try waits 1, 2, 4 ... seconds after
the latest wrong one, at most MAX_DELAY_SECONDS, and a try made while a
wait runs is refused without looking at the password (so it cannot be
guessed faster), but never counted as a wrong password (so it never
lengthens the wait).

Three counts, each over SCREENING_STAFF_SIGNIN_WINDOW_MINUTES:
- this account from this address (its own typos; SCREENING_STAFF_SIGNIN_MAX_PER_ACCOUNT free);
- this account from every address, and
- this address for every account (a spray over many names; ..._MAX_PER_ADDRESS free),
except that the last two do not slow an address this account signed in
from in the last KNOWN_ADDRESS_DAYS: a guesser elsewhere, or a colleague's
typos on the shared desk line, never keeps the real person out.
"""
from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, select

from ..store import refusals
from ..store.models import AuditEvent, utcnow

MAX_DELAY_SECONDS = 300
KNOWN_ADDRESS_DAYS = 30


def delay_after(wrong, free):
    """Seconds to wait after the latest wrong try, once `wrong` tries failed."""
    if wrong < free:
        return 0
    return min(MAX_DELAY_SECONDS, 2 ** min(wrong - free, 16))


def window():
    return refusals.window(current_app.config["SCREENING_STAFF_SIGNIN_WINDOW_MINUTES"])


def known_address(session, account, address, now):
    """Whether this account signed in successfully from this address lately."""
    return session.scalar(select(exists().where(
        AuditEvent.action == "sign-in", AuditEvent.username == account, AuditEvent.address == address,
        AuditEvent.at >= now - timedelta(days=KNOWN_ADDRESS_DAYS),
    )))


def seconds_to_wait(session, account, address):
    """Whole seconds before this account may try again from this address; 0 when it may now."""
    config = current_app.config
    now = utcnow()
    since = now - window()
    per_account = int(config["SCREENING_STAFF_SIGNIN_MAX_PER_ACCOUNT"])
    counts = [({"account": account, "address": address}, per_account)]
    if not known_address(session, account, address, now):
        counts += [({"account": account}, per_account), ({"address": address}, int(config["SCREENING_STAFF_SIGNIN_MAX_PER_ADDRESS"]))]
    left = 0.0
    for where, free in counts:
        wrong, latest = refusals.tally(session, refusals.WRONG_SIGN_INS, since, **where)
        delay = delay_after(wrong, free)
        if delay:
            left = max(left, delay - (now - latest).total_seconds())
    return max(0, int(left + 0.999))
