"""PostgreSQL privileges for the app's own role: everything it needs, and the
audit trail only to read and add to. No Flask.

The tables' owner runs the migrations and the audit retention purge; the
app (its web workers, the API, the other commands) signs in as a role
given exactly these privileges, so even a compromised app cannot change or
delete an audit row (docs/deployment.md).
"""
from .migrate import VERSION_TABLE
from .models import Base

# Read and add to, never change or delete.
APPEND_ONLY = {"screening_audit_event"}
# Read only: the app checks the schema's version, never moves it.
READ_ONLY = {VERSION_TABLE}


def grants(role, quote):
    """The GRANT statements for `role`, a table at a time, with `quote` the
    dialect's identifier quoting (engine.dialect.identifier_preparer.quote)."""
    who = quote(role)
    statements = []
    for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name):
        name = quote(table.name)
        if table.name in APPEND_ONLY:
            privileges = "SELECT, INSERT"
        else:
            privileges = "SELECT, INSERT, UPDATE, DELETE"
        statements.append(f"GRANT {privileges} ON {name} TO {who};")
        if "id" in table.c and table.c.id.autoincrement is not False and table.c.id.primary_key:
            if len(table.primary_key.columns) == 1:
                statements.append(f"GRANT USAGE ON SEQUENCE {quote(table.name + '_id_seq')} TO {who};")
    statements.extend(f"GRANT SELECT ON {quote(name)} TO {who};" for name in sorted(READ_ONLY))
    return statements
