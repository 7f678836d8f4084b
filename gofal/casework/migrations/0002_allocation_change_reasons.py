"""The reasons for a change of worker, in English and Welsh.

Based on England's reasons for a change of social worker (children in need census, from
2023-24: MANAGE, FCONTA, LEFTRL, ORGRST, TSPROC, ABSENC, CHCHAN, PCCHAN, SWDIED, OTHERS).
"""

from django.db import migrations

REASONS = [
    ("management_decision", "Management decision, such as balancing caseloads",
     "Penderfyniad rheoli, megis cydbwyso llwythi achosion"),
    ("contract_ended", "Worker's fixed-term or agency contract ended",
     "Daeth contract cyfnod penodol neu asiantaeth y gweithiwr i ben"),
    ("worker_left_role", "Worker left the role", "Gadawodd y gweithiwr y swydd"),
    ("restructure", "Organisational restructure", "Ailstrwythuro'r sefydliad"),
    ("transfer_process", "Transfer to another team as part of the usual process",
     "Trosglwyddo i dîm arall fel rhan o'r broses arferol"),
    ("worker_absent", "Worker absent, such as long-term sickness or parental leave",
     "Gweithiwr yn absennol, megis salwch tymor hir neu absenoldeb rhiant"),
    ("child_circumstances", "Child's circumstances changed",
     "Newidiodd amgylchiadau'r plentyn"),
    ("child_or_family_request", "Child, parent or carer asked for a change",
     "Gofynnodd y plentyn, rhiant neu ofalwr am newid"),
    ("worker_died", "Worker died", "Bu farw'r gweithiwr"),
    ("other", "Other reason", "Rheswm arall"),
]


def add_reasons(apps, schema_editor):
    reason = apps.get_model("casework", "AllocationChangeReason")
    for order, (code, label_en, label_cy) in enumerate(REASONS, start=1):
        reason.objects.update_or_create(
            code=code, defaults={"label_en": label_en, "label_cy": label_cy, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [migrations.RunPython(add_reasons, migrations.RunPython.noop)]
