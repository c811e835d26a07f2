"""The `screening` console script (intake contract, section 4)."""
import json
import sys

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from .db import create_tables
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


@flask_group.command("init-db")
@with_appcontext
def init_db_command():
    """Create the case tables if they do not exist."""
    create_tables(current_app.extensions["screening"].engine)
    click.echo("Case tables are ready.")

