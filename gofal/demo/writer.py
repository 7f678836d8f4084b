"""Fast bulk inserts for the generator: plain rows, no model instances, no signals.

Rows are dicts keyed by field attname; missing fields take the field's default. On SQLite the
rows go in with `executemany`; on PostgreSQL they are streamed with COPY into a temporary
staging table and moved across with one INSERT ... SELECT, because COPY FROM refuses tables with
row-level security (the INSERT is checked by the policies, which `system_access()` admits).
"""

from collections.abc import Iterable
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
        self.rows: list[tuple[Any, ...]] = []
        self.written = 0

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        out = []
        for f, default in zip(self.fields, self.defaults, strict=True):
            value = values.get(f.attname, _MISSING)
            if value is _MISSING:
                if default is _MISSING:
                    raise ValueError(f"{self.model.__name__}.{f.attname} needs a value")
                value = default() if callable(default) else default
            out.append(value)
        if len(values) > len(self.fields):
            unknown = set(values) - {f.attname for f in self.fields}
            if unknown:
                raise ValueError(f"{self.model.__name__} has no fields {sorted(unknown)}")
        return tuple(out)


class BulkWriter:
    """Collects rows per model and writes them in the order the models were first seen."""

    def __init__(self) -> None:
        self._tables: dict[type[Model], _Table] = {}
        self._order: list[type[Model]] = []
        self._staged: set[str] = set()

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
            if connection.vendor == "postgresql":
                self._copy(table)
            else:
                self._executemany(table)
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
            if stage not in self._staged:
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
            cursor.execute(
                f"INSERT INTO {quote(table.table)} ({columns}) SELECT {columns} FROM {stage}"
            )
            cursor.execute(f"TRUNCATE {stage}")
