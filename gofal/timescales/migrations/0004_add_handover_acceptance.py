"""Add the `handover-acceptance` clock: the receiving team accepts or returns a step-up or
step-down handover.

The statutory reference has no figure for it: it is a local practice standard (2 working days,
the figure the early help queue used before it became a rule), loaded as unconfirmed for Wales
and England. A council changes it as a local standard or a new version on the Timescales page.
"""

from datetime import date

from django.db import migrations

BASELINE = date(2000, 1, 1)
CODE = "handover-acceptance"
SOURCE = (
    "Local practice standard: no statutory figure in the reference (statutory-rules.md). "
    "Step-up and step-down must be tracked handovers that the receiving team accepts "
    "(2018 inspection report, 1.3, 4.4 and area for development 4)."
)
NOTE = "Set by the council: confirm or change the figure before relying on it."


def load(apps, schema_editor):
    Rule = apps.get_model("timescales", "Rule")
    RuleVersion = apps.get_model("timescales", "RuleVersion")
    rule, _ = Rule.objects.get_or_create(
        code=CODE,
        defaults={
            "name_en": "Acceptance of a step-up or step-down handover",
            "name_cy": "Derbyn trosglwyddiad camu i fyny neu gamu i lawr",
        },
    )
    for jurisdiction in ("wales", "england"):
        RuleVersion.objects.get_or_create(
            rule=rule,
            jurisdiction=jurisdiction,
            effective_from=BASELINE,
            defaults={
                "start_event": "Handover sent to the receiving team",
                "meeting_event": "Handover accepted or returned with reasons",
                "duration": 2,
                "unit": "working_days",
                "then_rule": None,
                "responsible_role": "team_manager",
                "source": SOURCE,
                "status": "unconfirmed",
                "note": NOTE,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("timescales", "RuleVersion").objects.filter(rule__code=CODE).delete()
    apps.get_model("timescales", "Rule").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("timescales", "0003_load_calendar")]
    operations = [migrations.RunPython(load, unload)]
