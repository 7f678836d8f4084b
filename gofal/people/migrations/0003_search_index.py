"""The person search index: trigram and double metaphone on PostgreSQL, FTS5 on SQLite."""

from django.contrib.postgres.operations import CreateExtension, TrigramExtension
from django.db import migrations

import gofal.people.dbops


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0002_person_details_names_addresses_relationships"),
    ]

    operations = [
        # Both do nothing on SQLite. Both extensions are "trusted" from PostgreSQL 13, so the
        # database owner can create them without being a superuser.
        TrigramExtension(),
        CreateExtension("fuzzystrmatch"),
        gofal.people.dbops.VendorSQL(
            "postgresql",
            "CREATE INDEX people_search_full_name_trgm ON people_personsearchname "
            "USING gin (full_name gin_trgm_ops);",
            "DROP INDEX IF EXISTS people_search_full_name_trgm;",
        ),
        gofal.people.dbops.VendorSQL(
            "sqlite",
            "CREATE VIRTUAL TABLE people_search_fts USING fts5(full_name, tokenize='trigram');",
            "DROP TABLE IF EXISTS people_search_fts;",
        ),
    ]
