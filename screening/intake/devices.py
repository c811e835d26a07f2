"""A tablet's label ("Front desk tablet 2"), set once on the tablet by staff
and stored with each case sent from it, so the queue says where the patient is.

It lives in a long-lived cookie of the tablet's browser. It is not a
secret and proves nothing: anyone could send another label, which would
only mislabel their own case, so it is cut to size and cleaned, never trusted.
"""
import unicodedata
from urllib.parse import quote, unquote

from flask import request

from ..store.models import DEVICE_LABEL_MAX

COOKIE = "screening_device"
# A year: set once when the tablet is set up.
COOKIE_SECONDS = 365 * 24 * 3600


def clean(text):
    """Visible characters only, spaces collapsed, cut to the column's size; None when nothing is left."""
    kept = "".join(ch for ch in str(text or "") if unicodedata.category(ch)[0] != "C")
    kept = " ".join(kept.split())[:DEVICE_LABEL_MAX].strip()
    return kept or None


def label():
    """This browser's device label, or None."""
    return clean(unquote(request.cookies.get(COOKIE, "")))


def set_label(response, text, path):
    text = clean(text)
    if text is None:
        response.delete_cookie(COOKIE, path=path)
    else:
        # Percent-encoded: a cookie value holds no spaces or accents as such.
        response.set_cookie(COOKIE, quote(text), max_age=COOKIE_SECONDS, path=path, httponly=True, samesite="Lax",
                            secure=request.is_secure)
    return response
