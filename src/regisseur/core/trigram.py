"""Trigram indexes for search on PostgreSQL, as a migration operation that does nothing elsewhere.

Django's icontains on PostgreSQL is `UPPER(column::text) LIKE UPPER('%word%')`; a GIN index
with gin_trgm_ops on that same expression serves it, however the word sits in the text
(contains, on a plain column, is `column::text LIKE '%word%'`: an index on the column).
SQLite has no such index: there the operation does nothing and the search reads the table.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def _run(statements: list[str]) -> Any:
    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return forwards


def trigram_indexes(table: str, indexes: dict[str, str]) -> migrations.RunPython:
    """Create (on PostgreSQL) one GIN trigram index per name → expression, e.g. "UPPER(last_name::text)"."""
    create = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
        f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (({expression}) gin_trgm_ops)'
        for name, expression in indexes.items()
    ]
    drop = [f'DROP INDEX IF EXISTS "{name}"' for name in indexes]
    return migrations.RunPython(_run(create), _run(drop), elidable=False)


def drop_trigram_indexes(table: str, indexes: dict[str, str]) -> migrations.RunPython:
    """The opposite of trigram_indexes: drop (on PostgreSQL) the named indexes, made again when reversed."""
    create = trigram_indexes(table, indexes)
    drop = [f'DROP INDEX IF EXISTS "{name}"' for name in indexes]
    return migrations.RunPython(_run(drop), create.code, elidable=False)
