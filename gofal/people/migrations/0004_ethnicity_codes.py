"""England's 20 SSDA903 ethnicity codes, with English and Welsh labels."""

from django.db import migrations

CODES = [
    ("WBRI", "White British", "Gwyn Prydeinig"),
    ("WIRI", "White Irish", "Gwyn Gwyddelig"),
    ("WOTH", "Any other White background", "Unrhyw gefndir Gwyn arall"),
    ("WIRT", "Traveller of Irish heritage", "Teithiwr o dras Wyddelig"),
    ("WROM", "Gypsy or Roma", "Sipsi neu Roma"),
    ("MWBC", "White and Black Caribbean", "Gwyn a Du Caribïaidd"),
    ("MWBA", "White and Black African", "Gwyn a Du Affricanaidd"),
    ("MWAS", "White and Asian", "Gwyn ac Asiaidd"),
    ("MOTH", "Any other mixed background", "Unrhyw gefndir cymysg arall"),
    ("AIND", "Indian", "Indiaidd"),
    ("APKN", "Pakistani", "Pacistanaidd"),
    ("ABAN", "Bangladeshi", "Bangladeshaidd"),
    ("AOTH", "Any other Asian background", "Unrhyw gefndir Asiaidd arall"),
    ("BCRB", "Black Caribbean", "Du Caribïaidd"),
    ("BAFR", "Black African", "Du Affricanaidd"),
    ("BOTH", "Any other Black background", "Unrhyw gefndir Du arall"),
    ("CHNE", "Chinese", "Tsieineaidd"),
    ("OOTH", "Any other ethnic group", "Unrhyw grŵp ethnig arall"),
    ("REFU", "Refused", "Wedi gwrthod dweud"),
    ("NOBT", "Information not yet obtained", "Heb gael yr wybodaeth eto"),
]


def load(apps, schema_editor):
    code_model = apps.get_model("people", "EthnicityCode")
    for order, (code, label_en, label_cy) in enumerate(CODES, start=1):
        code_model.objects.update_or_create(
            scheme="ssda903",
            code=code,
            defaults={"label_en": label_en, "label_cy": label_cy, "order": order},
        )


def unload(apps, schema_editor):
    code_model = apps.get_model("people", "EthnicityCode")
    code_model.objects.filter(scheme="ssda903", code__in=[c[0] for c in CODES]).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0003_search_index"),
    ]

    operations = [migrations.RunPython(load, unload)]
