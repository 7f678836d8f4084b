"""Fast bulk inserts for the generator: plain rows, no model instances, no signals.

Rows are dicts keyed by field attname; missing fields take the field's default. On SQLite the
rows go in with `executemany`; on PostgreSQL they are streamed with COPY. COPY FROM refuses a
table whose row-level security applies to the current role, so such a table's rows go to a
temporary staging table and across with one INSERT ... SELECT (checked by the policies, which
`system_access()` admits); during a bulk load `drop_secondary_indexes` lifts FORCE ROW LEVEL
SECURITY from the tables the role owns, so their rows are copied straight in.
"""

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Field, Model
from django.db.models.fields import NOT_PROVIDED

_MISSING = object()


class _Table:
    def __init__(self, model: type[Model]) -> None:
        self.model = model
        self.fields: list[Field[Any, Any]] = list(model._meta.concrete_fields)
        self.table = model._meta.db_table
        self.columns = [f.column for f in self.fields]
        self.defaults: list[Any] = []
        for f in self.fields:
            if f.default is not NOT_PROVIDED:
                self.defaults.append(f.default)
            elif f.null:
                self.defaults.append(None)
            elif f.get_internal_type() in {"CharField", "TextField"}:
                self.defaults.append("")
            else:
                self.defaults.append(_MISSING)
        self.attnames = [f.attname for f in self.fields]
        # plain defaults go straight in; callables and missing values are checked per row
        self.static = [_MISSING if callable(d) else d for d in self.defaults]
        self.required = frozenset(
            a for a, d in zip(self.attnames, self.static, strict=True) if d is _MISSING
        )
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        if len(values) > len(self.attnames) or not self.required <= values.keys():
            return self.slow_row(values)
        return tuple(map(values.get, self.attnames, self.static))

    def slow_row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        unknown = set(values) - set(self.attnames)
        if unknown:
            raise ValueError(f"{self.model.__name__} has no fields {sorted(unknown)}")
        out = []
        for attname, default in zip(self.attnames, self.defaults, strict=True):
            value = values.get(attname, _MISSING)
            if value is _MISSING:
                if default is _MISSING:
                    raise ValueError(f"{self.model.__name__}.{attname} needs a value")
                value = default() if callable(default) else default
            out.append(value)
        return tuple(out)


class BulkWriter:
    """Collects rows per model and writes them in the order the models were first seen."""

    def __init__(self) -> None:
        self._tables: dict[type[Model], _Table] = {}
        self._order: list[type[Model]] = []
        self._staged: set[str] = set()
        self._direct: dict[str, bool] = {}  # table -> COPY straight in (no row-level security)
        self.seconds: dict[str, float] = {}  # time spent writing each table

    def add(self, model: type[Model], values: dict[str, Any]) -> None:
        table = self._tables.get(model)
        if table is None:
            table = self._tables[model] = _Table(model)
            self._order.append(model)
        table.rows.append(table.row(values))

    def add_many(self, model: type[Model], rows: Iterable[dict[str, Any]]) -> None:
        for values in rows:
            self.add(model, values)

    def counts(self) -> dict[str, int]:
        return {m._meta.label: self._tables[m].written for m in self._order}

    def flush(self) -> None:
        for model in self._order:
            table = self._tables[model]
            if not table.rows:
                continue
            started = time.monotonic()
            if connection.vendor == "postgresql":
                self._copy(table)
            else:
                self._executemany(table)
            label = model._meta.label
            self.seconds[label] = self.seconds.get(label, 0.0) + time.monotonic() - started
            table.written += len(table.rows)
            table.rows = []

    def _executemany(self, table: _Table) -> None:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in table.columns)
        marks = ", ".join(["%s"] * len(table.columns))
        sql = f"INSERT INTO {quote(table.table)} ({columns}) VALUES ({marks})"
        fields = table.fields
        prepared = [
            [f.get_db_prep_save(v, connection) for f, v in zip(fields, row, strict=True)]
            for row in table.rows
        ]
        with connection.cursor() as cursor:
            for start in range(0, len(prepared), 20_000):
                cursor.executemany(sql, prepared[start : start + 20_000])

    def _copy(self, table: _Table) -> None:
        from psycopg.types.json import Jsonb

        quote = connection.ops.quote_name
        stage = quote(f"_gofal_stage_{table.table}")
        columns = ", ".join(quote(c) for c in table.columns)
        json_positions = [
            i for i, f in enumerate(table.fields) if f.get_internal_type() == "JSONField"
        ]
        with connection.cursor() as cursor:
            direct = self._direct.get(table.table)
            if direct is None:
                cursor.execute("SELECT NOT row_security_active(%s::regclass)", [table.table])
                direct = self._direct[table.table] = bool(cursor.fetchone()[0])
            if direct:
                stage = quote(table.table)
            elif stage not in self._staged:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE IF NOT EXISTS {stage} "
                    f"(LIKE {quote(table.table)} INCLUDING DEFAULTS)"
                )
                self._staged.add(stage)
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {stage} ({columns}) FROM STDIN") as copy:
                for row in table.rows:
                    if json_positions:
                        row = tuple(
                            Jsonb(v) if i in json_positions else v for i, v in enumerate(row)
                        )
                    copy.write_row(row)
            if direct:
                return
            cursor.execute(
                f"INSERT INTO {quote(table.table)} ({columns}) SELECT {columns} FROM {stage}"
            )
            cursor.execute(f"TRUNCATE {stage}")


@dataclass
class SavedSchema:
    """Secondary indexes and foreign keys taken off for a bulk load, to be put back after."""

    tables: list[str] = field(default_factory=list)
    foreign_keys: list[tuple[str, str, str]] = field(default_factory=list)
    indexes: list[tuple[str, str]] = field(default_factory=list)
    unforced: list[str] = field(default_factory=list)  # FORCE ROW LEVEL SECURITY lifted


def drop_secondary_indexes(models: Sequence[type[Model]]) -> SavedSchema:
    """On PostgreSQL, take secondary indexes and foreign keys off these tables for a bulk load.

    Building an index once over all the rows, and checking a foreign key with one join, is many
    times faster than maintaining them row by row. The definitions are read from the catalogue
    so `restore_secondary_indexes` recreates them exactly. Primary keys and unique constraints
    stay. FORCE ROW LEVEL SECURITY is lifted from the tables the current role owns, so the
    loader (trusted, under `system_access()` anyway) can COPY into them directly; it is put
    back with the indexes. Runs in the caller's transaction.
    """
    saved = SavedSchema(tables=[m._meta.db_table for m in models])
    if connection.vendor != "postgresql" or not models:
        return saved
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) "
            "ORDER BY 1, 2",
            [saved.tables],
        )
        saved.foreign_keys = list(cursor.fetchall())
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) "
            "FROM pg_index i WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) "
            "ORDER BY 1",
            [saved.tables],
        )
        saved.indexes = list(cursor.fetchall())
        cursor.execute(
            "SELECT c.oid::regclass::text FROM pg_class c WHERE c.oid = ANY(%s::regclass[]) "
            "AND c.relforcerowsecurity AND pg_has_role(c.relowner, 'USAGE') ORDER BY 1",
            [saved.tables],
        )
        saved.unforced = [name for (name,) in cursor.fetchall()]
        for table in saved.unforced:
            cursor.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        for table, name, _ in saved.foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _ in saved.indexes:
            cursor.execute(f"DROP INDEX {name}")
    return saved


def restore_secondary_indexes(
    saved: SavedSchema, progress: Callable[[str], None] | None = None
) -> None:
    """Recreate what `drop_secondary_indexes` took off (validating every foreign key)."""
    if connection.vendor != "postgresql" or not saved.tables:
        return
    quote = connection.ops.quote_name
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _, definition in saved.indexes:
            cursor.execute(definition)
        indexed = time.monotonic()
        for table, name, definition in saved.foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
        checked = time.monotonic()
        for table in saved.unforced:
            cursor.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        for table in saved.tables:
            cursor.execute(f"ANALYZE {quote(table)}")
    if progress:
        progress(
            f"indexes {indexed - started:.1f}s, foreign keys {checked - indexed:.1f}s, "
            f"analyze {time.monotonic() - checked:.1f}s"
        )
