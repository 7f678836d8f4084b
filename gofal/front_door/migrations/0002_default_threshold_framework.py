"""The default threshold framework: used by any council that has not set its own levels."""

import uuid

from django.db import migrations

NAMESPACE = uuid.UUID("6f1d4a52-7c1e-4c6b-9a55-2f0d3e1b8a10")

LEVELS = [
    (
        "universal",
        "Universal services",
        "Gwasanaethau cyffredinol",
        "Needs met by the family with universal services.",
        "Anghenion yn cael eu diwallu gan y teulu gyda gwasanaethau cyffredinol.",
        False,
        [
            (
                "The child’s needs are met by their family and universal services such as school "
                "and health.",
                "Mae anghenion y plentyn yn cael eu diwallu gan ei deulu a gwasanaethau "
                "cyffredinol fel yr ysgol a’r gwasanaeth iechyd.",
            ),
            (
                "The family needs information or advice only.",
                "Dim ond gwybodaeth neu gyngor sydd ei angen ar y teulu.",
            ),
        ],
    ),
    (
        "early_help",
        "Early help",
        "Cymorth cynnar",
        "Extra support, with the family’s agreement, to stop needs growing.",
        "Cymorth ychwanegol, gyda chytundeb y teulu, i atal anghenion rhag cynyddu.",
        False,
        [
            (
                "The family needs extra support, with their agreement, to stop needs growing.",
                "Mae angen cymorth ychwanegol ar y teulu, gyda’u cytundeb, i atal anghenion rhag "
                "cynyddu.",
            ),
            (
                "Several needs that one universal service cannot meet alone.",
                "Sawl angen na all un gwasanaeth cyffredinol eu diwallu ar ei ben ei hun.",
            ),
        ],
    ),
    (
        "care_and_support",
        "Care and support",
        "Gofal a chymorth",
        "The child may need care and support from social services: assess.",
        "Efallai fod angen gofal a chymorth gan y gwasanaethau cymdeithasol: asesu.",
        False,
        [
            (
                "The child may need care and support that the family cannot meet, even with "
                "other help.",
                "Efallai fod angen gofal a chymorth ar y plentyn na all y teulu ei ddarparu, hyd "
                "yn oed gyda chymorth arall.",
            ),
            (
                "The child’s development is likely to be harmed if the need is not met.",
                "Mae datblygiad y plentyn yn debygol o gael ei niweidio os na chaiff yr angen ei "
                "ddiwallu.",
            ),
        ],
    ),
    (
        "protection",
        "Protection",
        "Amddiffyn",
        "The child may be at risk of abuse, neglect or other harm.",
        "Gall y plentyn fod mewn perygl o gamdriniaeth, esgeulustod neu niwed arall.",
        True,
        [
            (
                "The child is experiencing, or is at risk of, abuse, neglect or other harm.",
                "Mae’r plentyn yn profi, neu mewn perygl o, gamdriniaeth, esgeulustod neu niwed "
                "arall.",
            ),
            (
                "An injury or disclosure that needs urgent checks with the police or health.",
                "Anaf neu ddatgeliad sydd angen gwiriadau brys gyda’r heddlu neu’r gwasanaeth "
                "iechyd.",
            ),
        ],
    ),
]


def load(apps, schema_editor):
    level_model = apps.get_model("front_door", "ThresholdLevel")
    descriptor_model = apps.get_model("front_door", "ThresholdDescriptor")
    for order, (code, name_en, name_cy, sum_en, sum_cy, authorise, descriptors) in enumerate(
        LEVELS, start=1
    ):
        level = level_model.objects.create(
            id=uuid.uuid5(NAMESPACE, code),
            authority=None,
            code=code,
            name_en=name_en,
            name_cy=name_cy,
            summary_en=sum_en,
            summary_cy=sum_cy,
            order=order * 10,
            requires_authorisation=authorise,
        )
        for number, (text_en, text_cy) in enumerate(descriptors, start=1):
            descriptor_model.objects.create(
                id=uuid.uuid5(NAMESPACE, f"{code}:{number}"),
                level=level,
                text_en=text_en,
                text_cy=text_cy,
                order=number * 10,
            )


def unload(apps, schema_editor):
    apps.get_model("front_door", "ThresholdDescriptor").objects.filter(
        level__authority__isnull=True
    ).delete()
    apps.get_model("front_door", "ThresholdLevel").objects.filter(authority__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("front_door", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
