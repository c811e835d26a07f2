"""`flask screening ...`: commands that need the app's configuration."""
import sys

import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from . import settings
from .api import keys
from .store import migrate
from .web.state import state

flask_group = AppGroup("screening", help="Leg-soreness screening plugin.")
db_group = AppGroup("db", help="The plugin's own tables and migrations.")
flask_group.add_command(db_group)
audit_group = AppGroup("audit", help="The audit trail.")
flask_group.add_command(audit_group)


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def db_upgrade_command(revision):
    """Create or upgrade the case tables (the plugin's own migrations)."""
    migrate.upgrade(state(current_app).engine, revision)
    click.echo("Case tables are ready.")


@db_group.command("grants")
@click.argument("role")
@with_appcontext
def db_grants_command(role):
    """Print the PostgreSQL GRANTs for the app's own ROLE (run them as the tables' owner)."""
    from .store.roles import grants

    engine = state(current_app).engine
    if engine.dialect.name != "postgresql":
        raise click.UsageError("roles are PostgreSQL's: SQLite has none")
    for statement in grants(role, engine.dialect.identifier_preparer.quote):
        click.echo(statement)


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
    names = keys.parse(app.config[keys.SETTING]).names()
    if names:
        # Names only: keys are read at start, so this is what the workers hold.
        click.echo(f"API keys: {', '.join(names)} (read at start: restart the app after a change)")
    invalid = [p for p in found if p.kind == "invalid"]
    if invalid:
        click.echo(f"{len(invalid)} invalid setting(s): the pages answer 503 until they are fixed.", err=True)
        sys.exit(1)
    if not found:
        click.echo("Every setting is set and valid.")


@flask_group.command("new-api-key")
@click.argument("name")
@with_appcontext
def new_api_key_command(name):
    """Make a key for another system: the key to give it, and the entry for SCREENING_API_KEYS."""
    if not keys.NAME.fullmatch(name):
        raise click.UsageError("a key's name is letters, digits, '.', '_' or '-' (at most 64)")
    key, hashed = keys.new_key()
    # The settings hold only the hash: whoever reads them cannot call the API.
    click.echo(f"Key: {key}")
    click.echo(f"SCREENING_API_KEYS entry: {name}={hashed}")
    click.echo("Give the key to the other system once; it is not stored anywhere here.")


def _cli_audit(action, detail=None, reference=None):
    from .store import audit

    with state(current_app).sessions() as session:
        audit.record(session, action, username="cli", detail=detail, reference=reference)


def _read_password(from_stdin):
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@flask_group.command("create-user")
@click.argument("username")
@click.option("--role", type=click.Choice(["front-desk", "clinician", "admin"]), required=True)
@click.option("--name", "display_name", help="The name shown on reviews (default: the username).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@with_appcontext
def create_user_command(username, role, display_name, password_stdin):
    """Make a staff account (the first admin, for instance)."""
    from .store import users

    password = _read_password(password_stdin)
    with state(current_app).sessions() as session:
        try:
            user = users.create_user(session, username, password, role=role, display_name=display_name)
        except users.AccountError as problem:
            raise click.UsageError(str(problem)) from None
    _cli_audit("user-change", detail=f"created {user.username} as {user.role}")
    click.echo(f"Created {user.username} ({user.role}).")


@flask_group.command("reset-password")
@click.argument("username")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
@with_appcontext
def reset_password_command(username, password_stdin):
    """Give a staff account a new password; its open sessions are signed out."""
    from .store import users

    with state(current_app).sessions() as session:
        user = users.find_user(session, username)
        if user is None:
            raise click.UsageError(f"there is no user called {username}")
        try:
            users.set_password(session, user, _read_password(password_stdin))
        except users.AccountError as problem:
            raise click.UsageError(str(problem)) from None
    _cli_audit("user-change", detail=f"password reset for {username}")
    click.echo(f"New password set for {username}; their sessions are signed out.")


@flask_group.command("purge")
@click.option("--older-than", "days", type=click.IntRange(min=1), required=True, metavar="DAYS",
              help="Delete cases stored more than DAYS days ago.")
@with_appcontext
def purge_command(days):
    """Delete old cases with their rules, reviews and reprints (safe to run from cron)."""
    from .store import retention

    plugin = state(current_app)
    purged = 0
    with plugin.sessions() as session:
        # Batch by batch: each batch's handouts leave the cache as soon as its cases are gone.
        for references in retention.purge_cases(session, days):
            plugin.handouts.discard(references)
            purged += len(references)
    _cli_audit("purge", detail=f"{purged} cases older than {days} days")
    audit_days = int(current_app.config["SCREENING_AUDIT_RETENTION_DAYS"] or 0)
    removed = 0
    if audit_days:
        from sqlalchemy.exc import ProgrammingError

        try:
            with plugin.sessions() as session:
                removed = retention.purge_audit(session, audit_days)
        except ProgrammingError:
            # The app's own role may not delete audit rows (store/roles.py): not a failure of the case purge.
            click.echo("Audit rows were not purged: only the tables' owner may delete them "
                       "(run this command with the owner's SCREENING_DATABASE_URL).", err=True)
            sys.exit(1)
        if removed:
            _cli_audit("purge", detail=f"{removed} audit rows older than {audit_days} days; "
                                       "the chain now starts at the oldest row left")
    click.echo(f"Purged {purged} cases older than {days} days"
               + (f" and {removed} audit rows older than {audit_days} days." if audit_days else "."))


@audit_group.command("verify")
@with_appcontext
def audit_verify_command():
    """Check the audit trail's hash chain; exit 1 at the first broken link."""
    from .store import audit_chain

    with state(current_app).sessions() as session:
        verdict = audit_chain.verify(session)
    if verdict.ok:
        click.echo(f"Audit chain verified: {verdict.rows} rows, every link holds.")
        return
    click.echo(f"Audit chain BROKEN at row {verdict.broken_at} ({verdict.problem}); "
               f"{verdict.rows} rows before it hold.", err=True)
    sys.exit(1)
