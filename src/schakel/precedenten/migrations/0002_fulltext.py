"""The full-text index beside the search documents: FTS5 on SQLite, tsvector('dutch') + GIN on PostgreSQL."""

from django.db import migrations

from schakel.precedenten import index


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    for statement in index.create_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    for statement in index.drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("precedenten", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
