"""`flask screening ...`: commands that need the app's configuration."""
import click
from flask.cli import AppGroup, with_appcontext

from . import migrate

flask_group = AppGroup("screening", help="Leg-soreness screening plugin.")


@flask_group.command("db-upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade_command(revision):
    """Create or upgrade the case tables (the plugin's own migrations)."""
    migrate.upgrade(revision)
    click.echo("Case tables are ready.")


# The name from before there were migrations; it now migrates too.
flask_group.add_command(db_upgrade_command, "init-db")
