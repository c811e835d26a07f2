"""Reading a long query a batch at a time, by keyset (never OFFSET). No Flask.

Each batch starts just after the last row of the one before, found through
the (moment, id) index, so reading the 200th batch costs what the first did
and only one batch of rows is ever held at once.
"""
from sqlalchemy import and_, func, or_, select

BATCH = 500


def in_batches(session, query, moment, ident, *, size=None, newest_first=False):
    """Lists of up to `size` (BATCH) rows of `query` (a select of one mapped class),
    ordered by (`moment`, `ident`), oldest first unless `newest_first`.

    The consumer may commit between batches: where the next batch starts
    was taken from the last row before it was handed over.
    """
    size = size or BATCH
    order = (moment.desc(), ident.desc()) if newest_first else (moment, ident)
    after = None
    while True:
        page = query
        if after is not None:
            at, key = after
            if newest_first:
                page = page.where(or_(moment < at, and_(moment == at, ident < key)))
            else:
                page = page.where(or_(moment > at, and_(moment == at, ident > key)))
        batch = session.scalars(page.order_by(*order).limit(size)).all()
        if not batch:
            return
        last = batch[-1]
        after = (getattr(last, moment.key), getattr(last, ident.key))
        yield batch
        if len(batch) < size:
            return


def count(session, query):
    """How many rows `query` finds."""
    return session.scalar(select(func.count()).select_from(query.subquery()))


def newest_id(session, ident):
    """The highest id stored now (0 for none): an export reads up to it, so
    rows added while it streams (its own audit rows too) stay out of it."""
    return session.scalar(select(func.max(ident))) or 0
