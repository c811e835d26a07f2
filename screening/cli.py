"""The `screening` console script (intake contract, section 4)."""
import json
import sys

import click
from flask.cli import AppGroup, with_appcontext

from . import migrate
from .rules import describe, triage
from .validation import InvalidRecord, parse_json


def read_record(source):
    """The validated record from an open file, or exit 2 listing every problem."""
    try:
        return parse_json(source.read())
    except InvalidRecord as invalid:
        for problem in invalid.problems:
            click.echo(f"{problem.field}: {problem.message}", err=True)
        sys.exit(2)


@click.group()
def main():
    """Leg-soreness screening: triage an intake record, print its handout."""


@main.command("triage")
@click.argument("source", type=click.File("rb"))
def triage_command(source):
    """Triage the intake record in SOURCE (a JSON file, or - for standard input)."""
    record = read_record(source)
    click.echo(json.dumps(triage(record).to_dict(), ensure_ascii=False, indent=2))


@main.command("rules")
def rules_command():
    """Print the rule table for clinical review."""
    click.echo(describe())


# `flask screening ...`: commands that need the app's configuration.
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
