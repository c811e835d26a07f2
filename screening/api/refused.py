"""API calls refused (no valid key, or past a case route's limit): each is
counted, and the audit gets a row at a window's 1st, 10th, 100th... from
one address (store/refusals.py), so 1,000 wrong keys leave a few rows that
say how many there were."""
from datetime import timedelta

from flask import current_app, request
from sqlalchemy.exc import SQLAlchemyError

from ..store import audit, engine, refusals
from ..web.state import db_session
from . import keys

WINDOW = timedelta(minutes=15)
KINDS = {"key": refusals.API_KEY, "rate": refusals.API_RATE}


def count_and_audit(why, detail):
    """Never in the way of the refusal itself: with the database down, it is logged and the 401 or 429 stands."""
    db = db_session()
    address = audit.fit_address(request.remote_addr)
    name = keys.caller() if why == "rate" else None
    try:
        # A key's refusals are counted per key, wherever they come from; calls without one per address.
        n = refusals.add(db, KINDS[why], window=WINDOW, account=name, address=address, per_account=bool(name))
        if refusals.worth_auditing(n):
            where = "for this key" if name else "from this address"
            audit.record(db, "api-refused", username=f"api:{name}" if name else None, role="api", address=address,
                         detail=f"{detail}; refusal {n} {where} in 15 min", commit=False)
        db.commit()
    except SQLAlchemyError as error:
        db.rollback()
        current_app.logger.error("API: a refused call could not be counted (%s)", engine.error_kind(error))
