"""Response headers that keep patient data out of caches and frames."""
from flask import request


def protect(response):
    # Every page here can hold patient data: never cache it anywhere.
    if request.endpoint != "screening.static":
        response.headers["Cache-Control"] = "no-store"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    # Same-origin, not no-referrer: Flask-WTF's HTTPS check needs the Referer.
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'",
    )
    return response
