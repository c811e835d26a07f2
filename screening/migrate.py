"""The plugin's schema migrations (Alembic), apart from any the host app has.

The migrations folder ships with the package (see resources.py). Its own
version table keeps the plugin's revisions out of a host's Flask-Migrate
history, and env.py compares only the plugin's tables, so autogenerate in a
shared database never proposes to drop the host's.
"""
from alembic import command
from alembic.config import Config
from flask import current_app
from sqlalchemy import inspect

from .extension import state
from .models import Base
from .resources import folder

VERSION_TABLE = "screening_alembic_version"
TABLE_PREFIX = "screening_"
# The revision that matches what create_all made before there were migrations.
BASELINE = "0001"


def include_name(name, type_, _parent_names):
    return type_ != "table" or name.startswith(TABLE_PREFIX)


def directory():
    return str(folder("migrations"))


def config():
    """Alembic's configuration for the plugin's migrations (needs an app context for env.py)."""
    cfg = Config()
    cfg.set_main_option("script_location", directory())
    return cfg


def upgrade(revision="head"):
    """Bring the current app's plugin tables to `revision` (env.py uses the same engine).

    A database whose tables were made by create_all before migrations
    existed is stamped at the baseline first instead of failing on
    "table already exists".
    """
    tables = set(inspect(state(current_app).engine).get_table_names())
    if VERSION_TABLE not in tables and set(Base.metadata.tables) <= tables:
        command.stamp(config(), BASELINE)
    command.upgrade(config(), revision)
