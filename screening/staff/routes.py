"""The staff blueprint with every route on it (views, administration, this tablet's name, exports, the manager's figures, the database-down page)."""
from . import admin, device, exports, manager, unavailable, views
from .views import bp

__all__ = ["bp", "admin", "device", "exports", "manager", "unavailable", "views"]
