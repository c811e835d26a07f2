"""`flask screening ...`: commands that need the app's configuration."""
import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from .store import migrate
from .web.state import state

flask_group = AppGroup("screening", help="Leg-soreness screening plugin.")
db_group = AppGroup("db", help="The plugin's own tables and migrations.")
flask_group.add_command(db_group)


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade_command(revision):
    """Create or upgrade the case tables (the plugin's own migrations)."""
    migrate.upgrade(state(current_app).engine, revision)
    click.echo("Case tables are ready.")


# Names from before `db upgrade`: both still migrate.
flask_group.add_command(db_upgrade_command, "db-upgrade")
flask_group.add_command(db_upgrade_command, "init-db")
