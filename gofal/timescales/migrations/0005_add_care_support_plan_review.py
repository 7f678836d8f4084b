"""Add the review clock for a care and support plan (a child who is not looked after).

statutory-rules.md section 3: "[U] commonly implemented as at least every 6 months, or on change
of circumstances"; the review regulation (SI 2015/1335) and the Part 4 Code were not checked.
Loaded as unconfirmed for Wales and England; a council can record a stricter local standard and
an administrator a new version once the source is checked. The clock starts when the plan is
authorised and again from each review (it repeats).
"""

from datetime import date

from django.db import migrations

BASELINE = date(2000, 1, 1)
CODE = "care-support-plan-review"
SOURCES = {
    "wales": (
        "Care and Support (Care Planning) (Wales) Regulations 2015 (SI 2015/1335) and the "
        "Part 4 Code of Practice: review provisions not checked"
    ),
    "england": (
        "No England figure in the statutory reference: the Welsh figure is used until verified."
    ),
}
NOTE = (
    "Commonly implemented as at least every 6 months, or sooner on a change of circumstances. "
    "Unconfirmed: verify before relying on it."
)


def load(apps, schema_editor):
    Rule = apps.get_model("timescales", "Rule")
    RuleVersion = apps.get_model("timescales", "RuleVersion")
    rule, _ = Rule.objects.get_or_create(
        code=CODE,
        defaults={
            "name_en": "Care and support plan review",
            "name_cy": "Adolygiad o'r cynllun gofal a chymorth",
        },
    )
    for jurisdiction, source in SOURCES.items():
        RuleVersion.objects.get_or_create(
            rule=rule,
            jurisdiction=jurisdiction,
            effective_from=BASELINE,
            defaults={
                "start_event": "Plan authorised, or the previous review",
                "meeting_event": "Plan reviewed",
                "duration": 6,
                "unit": "months",
                "then_rule": rule,
                "responsible_role": "social_worker",
                "source": source,
                "status": "unconfirmed",
                "note": NOTE,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("timescales", "RuleVersion").objects.filter(rule__code=CODE).delete()
    apps.get_model("timescales", "Rule").objects.filter(code=CODE).delete()


class Migration(migrations.Migration):
    dependencies = [("timescales", "0004_add_handover_acceptance")]
    operations = [migrations.RunPython(load, unload)]
