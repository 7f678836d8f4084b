"""`manage.py audit verify`: check the audit log's hash chain end to end."""

import re
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gofal.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Audit log tools. `verify` checks the hash chain from the first row to the last."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        verify = commands.add_parser(
            "verify",
            help="Recompute every hash and check the chain has no gap and no broken link.",
        )
        verify.add_argument("--batch-size", type=int, default=5000)
        verify.add_argument(
            "--anchor",
            metavar="SEQ:HASH",
            help="A head printed by an earlier run and kept elsewhere: check it is still there.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "verify":
            self.verify(batch_size=options["batch_size"], anchor=options["anchor"])

    def verify(self, *, batch_size: int, anchor: str | None) -> None:
        result = verify_chain(
            batch_size=batch_size, anchor=_parse_anchor(anchor) if anchor else None
        )
        self.stdout.write(f"Verified {result.verified} audit events.")
        if not result.intact:
            raise CommandError(f"Chain broken at position {result.broken_at}: {result.reason}.")
        self.stdout.write(f"Head: position {result.head_seq}, hash {result.head_hash}")
        self.stdout.write(self.style.SUCCESS("Chain intact."))


def _parse_anchor(text: str) -> tuple[int, str]:
    match = re.fullmatch(r"(\d+):([0-9a-f]{64})", text.strip())
    if not match:
        raise CommandError("Give the anchor as SEQ:HASH, as printed by an earlier verify.")
    return int(match.group(1)), match.group(2)
