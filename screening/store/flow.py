"""A patient's way through the clinic's day: statuses and their changes. No Flask."""
from .models import STATUSES, StatusChange, utcnow


def set_status(session, case, status, *, by, at=None):
    """Move a case to `status` (kept in its changes); the status it had, or
    None when it already had this one. The caller commits, with its audit row."""
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    before = case.status or "waiting"
    if status == before:
        return None
    at = at or utcnow()
    case.status, case.status_at, case.status_by = status, at, by
    case.changed_at = utcnow()
    case.status_changes.append(StatusChange(at=at, by=by, status_before=before, status=status))
    session.flush()
    return before
