"""The audit trail's hash chain: a row changed, removed or slipped in shows. No Flask.

Each row stores the previous row's hash and its own: SHA-256 over a fixed
form of the row with the previous hash. Changing a row breaks its own hash;
removing one breaks the next row's link; removing the newest rows breaks
the chain head (screening_audit_head), which every audit write updates in
the same transaction. That head row is also the lock that puts concurrent
writers, in every worker, in one order.

NEVER CHANGE `canonical` for rows already written: their stored hashes
depend on it. A new form would need a version of its own in the row.

What the chain cannot stop: someone who can write the database directly
(its owner, or anyone with the SQLite file) could rebuild every hash after
changing a row. It makes tampering evident to `flask screening audit
verify`, and PostgreSQL's roles (docs/deployment.md) keep the app's own role
from changing or deleting rows at all.
"""
import hashlib
import json
from dataclasses import dataclass
from datetime import timezone

from sqlalchemy import select, update

from .models import AuditEvent, AuditHead

HEAD_ID = 1
COLUMNS = ("id", "at", "username", "role", "address", "action", "case_reference", "detail", "prev_hash", "row_hash")
VERIFY_BATCH = 2000


def canonical(previous_hash, at, username, role, address, action, reference, detail):
    moment = at.astimezone(timezone.utc).isoformat(timespec="microseconds")
    fields = ["v1", previous_hash or "", moment, username, role, address, action, reference, detail]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode()


def row_hash(previous_hash, event):
    return hashlib.sha256(canonical(
        previous_hash, event.at, event.username, event.role, event.address, event.action,
        event.case_reference, event.detail,
    )).hexdigest()


def _lock_head(session, rows):
    """Move the head's count on (taking its lock until the transaction ends); the newest hash."""
    previous = session.execute(
        update(AuditHead).where(AuditHead.id == HEAD_ID).values(rows=AuditHead.rows + rows)
        .returning(AuditHead.last_hash)
    ).first()
    if previous is None:
        # A database migrated before its first audit row has the head row already;
        # this covers tables made some other way.
        session.add(AuditHead(id=HEAD_ID, rows=rows, last_hash=None, last_id=None))
        session.flush()
        return None
    return previous.last_hash


def link_many(session, events):
    """Chain several new events, in order, with one head update (an export's
    rows for every case it held): one lock, one bulk insert."""
    previous_hash = _lock_head(session, len(events))
    for event in events:
        event.prev_hash = previous_hash
        event.row_hash = previous_hash = row_hash(previous_hash, event)
    session.add_all(events)
    session.flush()
    session.execute(update(AuditHead).where(AuditHead.id == HEAD_ID)
                    .values(last_hash=events[-1].row_hash, last_id=events[-1].id))


def link(session, event):
    """Chain one event (not yet added): the one-row case of link_many.

    The head is updated first: its row lock (PostgreSQL) or the write lock
    (SQLite) is held until the caller's transaction ends, so no other
    writer reads the same "newest" hash in between.
    """
    link_many(session, [event])


@dataclass(frozen=True)
class Verdict:
    rows: int
    # The first row that does not hold (its id), and how: "changed" (its own
    # hash is wrong), "missing before" (its link names a hash no row before
    # it has), or "newest rows missing" (the head names a later row).
    broken_at: int | None = None
    problem: str | None = None

    @property
    def ok(self):
        return self.problem is None


def verify(session):
    """Walk the whole trail oldest first, in batches; the first broken link, if any.

    The oldest row left after a retention purge links to a row that is gone:
    its link is taken as given (the purge's own audit row names it).
    """
    rows, previous, last_id = 0, None, 0
    columns = [getattr(AuditEvent, name) for name in COLUMNS]
    while True:
        # Plain rows, not ORM objects: nothing piles up in the session (the audit page's own).
        batch = session.execute(
            select(*columns).where(AuditEvent.id > last_id).order_by(AuditEvent.id).limit(VERIFY_BATCH)
        ).all()
        for event in batch:
            if rows and event.prev_hash != previous:
                return Verdict(rows, event.id, "missing before")
            if event.row_hash != row_hash(event.prev_hash, event):
                return Verdict(rows, event.id, "changed")
            previous, last_id, rows = event.row_hash, event.id, rows + 1
        if len(batch) < VERIFY_BATCH:
            break
    head = session.execute(select(AuditHead.last_id, AuditHead.last_hash).where(AuditHead.id == HEAD_ID)).first()
    if head is not None and head.last_hash is not None and head.last_hash != previous:
        return Verdict(rows, head.last_id, "newest rows missing")
    return Verdict(rows)
