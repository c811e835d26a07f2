"""Alembic environment for the screening plugin.

The plugin uses plain SQLAlchemy, not Flask-SQLAlchemy: the engine is the
one the plugin made for the app, and the metadata is the
plugin's own. Runs under `flask screening db-upgrade` / screening.store.migrate.upgrade,
which hands over the engine in the Alembic config's attributes.
"""
from alembic import context
from sqlalchemy import text

from screening.store.migrate import VERSION_TABLE, include_name
from screening.store.models import Base

# Any fixed number, the same in every worker: whoever takes the lock first
# migrates, the others wait and then find nothing left to do.
MIGRATION_LOCK = 0x5C12EE


def options():
    return {
        "target_metadata": Base.metadata,
        "version_table": VERSION_TABLE,
        "include_name": include_name,
        "compare_type": True,
    }


def run_offline(engine):
    context.configure(url=engine.url, literal_binds=True, dialect_name=engine.dialect.name, **options())
    with context.begin_transaction():
        context.run_migrations()


def run_online(engine):
    with engine.connect() as connection:
        # SQLite alters tables by copying them: batch mode does that for us.
        context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite", **options())
        with context.begin_transaction():
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            context.run_migrations()


engine = context.config.attributes["engine"]
if context.is_offline_mode():
    run_offline(engine)
else:
    run_online(engine)
