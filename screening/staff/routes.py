"""The staff blueprint with every route on it (views, administration, this tablet's name, exports, the database-down page)."""
from . import admin, device, exports, unavailable, views
from .views import bp

__all__ = ["bp", "admin", "device", "exports", "unavailable", "views"]
