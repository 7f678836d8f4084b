"""Build synthetic councils: `manage.py gofal_generate --seed 1 --size demo [--if-empty]`."""

import os
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gofal.authorities.models import Authority
from gofal.demo.build import generate
from gofal.demo.generator import REFERENCE_DATE, SIZES


class Command(BaseCommand):
    help = "Generate a fictional council (or 22 of them) with staff, people and history."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--size", choices=list(SIZES), default="demo")
        parser.add_argument(
            "--as-of",
            type=date.fromisoformat,
            default=REFERENCE_DATE,
            help=f"The generated 'today' (default {REFERENCE_DATE.isoformat()}).",
        )
        parser.add_argument(
            "--processes",
            type=int,
            default=0,
            help="Councils generated at once (PostgreSQL; default 2 for wales, else 1).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when a council already exists.",
        )

    def handle(self, *args, seed: int, size: str, as_of: date, if_empty: bool, **options):
        if Authority.objects.exists():
            if if_empty:
                self.stdout.write("A council already exists: nothing generated.")
                return
            raise CommandError("Councils already exist: generate into an empty database.")
        started = time.monotonic()
        verbose = options["verbosity"] > 1
        processes = options["processes"] or (min(2, os.cpu_count() or 1) if size == "wales" else 1)
        result = generate(
            seed=seed,
            size=size,
            as_of=as_of,
            progress=self.stdout.write if verbose else None,
            processes=processes,
        )
        elapsed = time.monotonic() - started
        counts = ", ".join(f"{label} {n}" for label, n in result.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {result.councils} council(s), size {size}, seed {seed}, "
                f"as of {as_of.isoformat()} in {elapsed:.1f}s: {counts}"
            )
        )
