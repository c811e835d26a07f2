"""Leg-soreness screening: `from screening import Screening` mounts the plugin in a Flask app."""
from .extension import Screening

__all__ = ["Screening"]
