"""`flask screening ...`: commands that need the app's configuration."""
import sys

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from . import settings
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


@flask_group.command("check")
@with_appcontext
def check_command():
    """List the settings that are unset or invalid; exit 1 if any is invalid."""
    app = current_app
    if app.import_name == "screening.app":
        # Only the standalone app reads the instance folder's settings file.
        path = settings.instance_file(app.instance_path)
        click.echo(f"Settings file: {path}" + ("" if path.is_file() else " (none; defaults and environment only)"))
        for key in settings.unknown_keys(settings.from_instance_file(app.instance_path)):
            click.echo(f"unknown   {key}: not a setting, ignored (see docs/configuration.md)")
    found = settings.problems(app.config, state(app).url_prefix)
    for problem in found:
        click.echo(f"{problem.kind:<9} {problem}")
    invalid = [p for p in found if p.kind == "invalid"]
    if invalid:
        click.echo(f"{len(invalid)} invalid setting(s): the pages answer 503 until they are fixed.", err=True)
        sys.exit(1)
    if not found:
        click.echo("Every setting is set and valid.")
