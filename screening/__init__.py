"""Leg-soreness screening: `from screening import Screening` mounts the plugin in a Flask app."""

__all__ = ["Screening"]


def __getattr__(name):
    # Lazy, so the command line and the handout renderer start without
    # importing Flask and SQLAlchemy (about a second on a small machine).
    if name == "Screening":
        from .extension import Screening

        return Screening
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
