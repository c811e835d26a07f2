"""The plugin's schema migrations (Alembic), apart from any the host app has.

The migrations folder ships with the package (see resources.py). Its own
version table keeps the plugin's revisions out of a host's migration history,
and env.py compares only the plugin's tables, so autogenerate in a shared
database never proposes to drop the host's.
"""
from functools import cache

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from ..resources import folder

VERSION_TABLE = "screening_alembic_version"
TABLE_PREFIX = "screening_"
# The revision that matches what create_all made before there were migrations,
# and the one table that revision made.
BASELINE = "0001"
BASELINE_TABLE = "screening_case"


def include_name(name, type_, _parent_names):
    return type_ != "table" or name.startswith(TABLE_PREFIX)


def directory():
    return str(folder("migrations"))


def config(engine):
    """Alembic's configuration for the plugin's migrations on `engine` (env.py reads it)."""
    cfg = Config()
    cfg.set_main_option("script_location", directory())
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine, revision="head"):
    """Bring the plugin's tables on `engine` to `revision`.

    A database whose case table was made by create_all before migrations
    existed is stamped at the baseline first instead of failing on "table
    already exists". It is recognised by the baseline's table, not by today's
    model list, which grows with every migration.
    """
    tables = set(inspect(engine).get_table_names())
    if VERSION_TABLE not in tables and BASELINE_TABLE in tables:
        command.stamp(config(engine), BASELINE)
    command.upgrade(config(engine), revision)


@cache
def heads():
    """The revisions this code's migrations end at (read once per process)."""
    return frozenset(ScriptDirectory(directory()).get_heads())


def current_heads(connection):
    """The revisions the database is at; empty before the first migration."""
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return frozenset(context.get_current_heads())


def is_current(engine):
    """Whether the database is at this code's migrations (raises when it cannot be reached)."""
    with engine.connect() as connection:
        return current_heads(connection) == heads()
