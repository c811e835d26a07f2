"""Rendered handouts kept with their case, shared by every worker. No Flask.

A row is (case, cache key) -> PDF. The key (handout/cache.py) is a digest of
everything the PDF depends on, so a changed case, clinician decision, paper,
clinic or template looks up another key and never finds a stale PDF.
"""
from sqlalchemy import exists, insert, literal, select
from sqlalchemy.exc import IntegrityError

from .models import Case, HandoutPdf, utcnow


def find_handout(session, case_id, key):
    """The stored PDF (bytes) of this case for this key, or None."""
    return session.scalar(select(HandoutPdf.pdf).where(HandoutPdf.case_id == case_id, HandoutPdf.key == key))


def store_handout(session, case_id, key, pdf):
    """Keep a rendered PDF; commits (or rolls back) the session.

    Two workers storing the same PDF at once is no error: the first row
    stays (both hold the same bytes). A case deleted meanwhile gets no row,
    so a purged case leaves no PDF behind even on SQLite, which does not
    check foreign keys.
    """
    row = select(
        literal(case_id), literal(key), literal(pdf, HandoutPdf.pdf.type),
        literal(utcnow(), HandoutPdf.created_at.type),
    ).where(exists().where(Case.id == case_id))
    columns = [HandoutPdf.case_id, HandoutPdf.key, HandoutPdf.pdf, HandoutPdf.created_at]
    try:
        session.execute(insert(HandoutPdf).from_select(columns, row))
        session.commit()
    except IntegrityError:
        # The other worker's row (the same primary key) got there first.
        session.rollback()
