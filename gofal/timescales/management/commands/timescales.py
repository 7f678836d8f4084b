"""`manage.py timescales explain|reconcile|remind|holidays`."""

import time
from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from gofal.authorities.models import Authority
from gofal.authorities.tenancy import system_access
from gofal.timescales import clock
from gofal.timescales.calendar import calendar_for, local_date
from gofal.timescales.presenters import explanation_for, parse_start
from gofal.timescales.reconcile import reconcile
from gofal.timescales.registry import RuleRegistry


class Command(BaseCommand):
    help = "Statutory timescales: explain a due date, reconcile deadlines, send reminders."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        ex = sub.add_parser("explain", help="Show how a due date is worked out.")
        ex.add_argument("rule", help="The rule's code, such as assessment")
        ex.add_argument("--jurisdiction", choices=["wales", "england"], required=True)
        ex.add_argument("--start", required=True, help="ISO date or datetime")
        ex.add_argument("--authority", help="A council's code, for its closures and standards")
        rec = sub.add_parser("reconcile", help="Recompute open deadlines and report drift.")
        rec.add_argument("--fix", action="store_true", help="Repair the drift found")
        rem = sub.add_parser("remind", help="Send due reminders and breach escalations.")
        rem.add_argument("--as-of", help="ISO datetime to act as at (default: now)")
        rem.add_argument(
            "--enqueue", action="store_true", help="Enqueue the sweep for the task worker"
        )
        rem.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="With --enqueue: keep enqueuing a sweep every SECONDS until stopped (a "
            "scheduler for a deployment without cron; sweeps are idempotent)",
        )
        hol = sub.add_parser("holidays", help="Add bank holidays up to a year.")
        hol.add_argument("--from-year", type=int, default=2000)
        hol.add_argument("--until", type=int, required=True)

    def handle(self, *args, **options):
        with system_access():
            getattr(self, "_" + options["action"])(options)

    def _explain(self, options):
        try:
            started_at = parse_start(options["start"])
        except ValueError as error:
            raise CommandError(f"--start is not an ISO date or datetime: {error}") from None
        jurisdiction = options["jurisdiction"]
        authority = None
        if options["authority"]:
            authority = Authority.objects.filter(code=options["authority"]).first()
            if authority is None:
                raise CommandError(f"No council with the code {options['authority']}")
            if authority.jurisdiction != jurisdiction:
                raise CommandError(f"{authority.code} is in {authority.jurisdiction}")
        authority_id = authority.pk if authority else None
        registry = RuleRegistry(authority_ids=[authority_id] if authority_id else [])
        try:
            applied = registry.applied(
                rule=registry.rule(options["rule"]),
                jurisdiction=jurisdiction,
                authority_id=authority_id,
                on=local_date(started_at),
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        calendar = calendar_for(jurisdiction=jurisdiction, authority_id=authority_id)
        view = explanation_for(
            applied=applied, started_at=started_at, calendar=calendar, jurisdiction=jurisdiction
        )
        for line in view.lines:
            self.stdout.write(line)

    def _reconcile(self, options):
        began = time.monotonic()
        report = reconcile(fix=options["fix"])
        for drift in report.samples:
            stored = drift.stored.at or drift.stored.on
            computed = drift.computed.at or drift.computed.on
            self.stdout.write(
                f"drift {drift.deadline_id} {drift.rule_code}: stored {stored}"
                f" computed {computed}"
                + (" (rule version or local standard changed)" if drift.version_changed else "")
            )
        self.stdout.write(
            f"checked {report.checked} open deadlines, drift in {report.drifted}, "
            f"fixed {report.fixed} ({time.monotonic() - began:.1f}s)"
        )

    def _remind(self, options):
        from gofal.timescales import tasks

        if options["every"] is not None:
            if not options["enqueue"] or options["as_of"] or options["every"] < 60:
                raise CommandError("--every needs --enqueue, no --as-of, and at least 60 seconds")
            try:
                while True:
                    self._remind({**options, "every": None})
                    time.sleep(options["every"])
            except KeyboardInterrupt:
                return
        as_of = parse_start(options["as_of"]) if options["as_of"] else clock.now()
        if options["enqueue"]:
            result = tasks.reminders_sweep.enqueue(as_of=as_of.isoformat())
            self.stdout.write(f"enqueued reminder sweep {result.id} as of {as_of.isoformat()}")
            return
        sent = tasks.sweep(as_of=as_of)
        self.stdout.write(
            f"reminders sent {sent.reminders}, escalations sent {sent.escalations} "
            f"as of {as_of.isoformat()}"
        )

    def _holidays(self, options):
        from gofal.timescales.services import bank_holidays_extend

        added = bank_holidays_extend(first_year=options["from_year"], last_year=options["until"])
        self.stdout.write(f"added {added} bank holidays ({date(options['until'], 12, 31)})")
