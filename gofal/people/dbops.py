"""Migration operations that run on one database only (the search index differs by database)."""

from django.db import migrations


class VendorSQL(migrations.RunSQL):
    """`RunSQL` that runs only on the named database vendor ("postgresql" or "sqlite")."""

    def __init__(self, vendor: str, sql: str, reverse_sql: str) -> None:
        self.vendor = vendor
        super().__init__(sql, reverse_sql)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):  # type: ignore[no-untyped-def]
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)

    def deconstruct(self):  # type: ignore[no-untyped-def]
        return (
            self.__class__.__qualname__,
            [self.vendor, self.sql, self.reverse_sql],
            {},
        )
