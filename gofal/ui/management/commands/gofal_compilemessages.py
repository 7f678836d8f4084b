"""Compile every committed Welsh .po file to .mo with polib (no GNU gettext needed)."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the committed translations (.po) to .mo files, without GNU gettext."

    def handle(self, *args: object, **options: object) -> None:
        root = Path(settings.BASE_DIR)
        count = 0
        for po_path in sorted((root / "gofal").glob("**/locale/*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            count += 1
        self.stdout.write(f"compiled {count} translation file(s)")
