"""The staff blueprint with every route on it (views, administration, exports, the database-down page)."""
from . import admin, exports, unavailable, views
from .views import bp

__all__ = ["bp", "admin", "exports", "unavailable", "views"]
