"""The case store: engine, models, saving and finding cases, migrations. No Flask."""
