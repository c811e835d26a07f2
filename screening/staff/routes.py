"""The staff blueprint with every route on it (views, administration, exports)."""
from . import admin, exports, views
from .views import bp

__all__ = ["bp", "admin", "exports", "views"]
