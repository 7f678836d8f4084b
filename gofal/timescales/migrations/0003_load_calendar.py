"""Seed bank holidays for England and Wales (2000 to 2040) from the `holidays` package (offline),
with Welsh names, and the list of reasons a deadline may be missed.

`manage.py timescales holidays --until YEAR` extends the table later.
"""

from django.db import migrations

FIRST_YEAR, LAST_YEAR = 2000, 2040

WELSH_NAMES = {
    "New Year's Day": "Dydd Calan",
    "New Year's Day (observed)": "Dydd Calan (gŵyl a symudwyd)",
    "Good Friday": "Dydd Gwener y Groglith",
    "Easter Monday": "Dydd Llun y Pasg",
    "May Day": "Gŵyl Banc Calan Mai",
    "Spring Bank Holiday": "Gŵyl Banc y Gwanwyn",
    "Late Summer Bank Holiday": "Gŵyl Banc yr Haf",
    "Christmas Day": "Dydd Nadolig",
    "Christmas Day (observed)": "Dydd Nadolig (gŵyl a symudwyd)",
    "Boxing Day": "Gŵyl San Steffan",
    "Boxing Day (observed)": "Gŵyl San Steffan (gŵyl a symudwyd)",
    "Golden Jubilee of Elizabeth II": "Jiwbilî Aur Elizabeth II",
    "Diamond Jubilee of Elizabeth II": "Jiwbilî Ddiemwnt Elizabeth II",
    "Platinum Jubilee of Elizabeth II": "Jiwbilî Blatinwm Elizabeth II",
    "Wedding of William and Catherine": "Priodas William a Catherine",
    "State Funeral of Queen Elizabeth II": "Angladd Gwladol y Frenhines Elizabeth II",
    "Coronation of Charles III": "Coroni Siarl III",
}

REASONS = [
    ("family-unavailable", "The child or family was not available", "Nid oedd y plentyn na'r teulu ar gael"),
    ("child-unwell", "The child was unwell", "Roedd y plentyn yn sâl"),
    ("partner-agency", "Waiting for a partner agency", "Yn aros am asiantaeth bartner"),
    ("court-direction", "A court direction or hearing", "Cyfarwyddyd neu wrandawiad llys"),
    ("staff-absence", "Staff absence", "Absenoldeb staff"),
    ("child-choice", "The child's wishes", "Dymuniadau'r plentyn"),
    ("interpreter", "Waiting for an interpreter or Welsh speaker", "Yn aros am gyfieithydd neu siaradwr Cymraeg"),
    ("other", "Another reason (explained)", "Rheswm arall (wedi'i esbonio)"),
]


def load(apps, schema_editor):
    import holidays

    BankHoliday = apps.get_model("timescales", "BankHoliday")
    rows = []
    for jurisdiction, subdivision in (("wales", "WLS"), ("england", "ENG")):
        found = holidays.country_holidays(
            "GB", subdiv=subdivision, years=range(FIRST_YEAR, LAST_YEAR + 1)
        )
        for day, name in sorted(found.items()):
            rows.append(
                BankHoliday(
                    jurisdiction=jurisdiction,
                    on=day,
                    name_en=str(name),
                    name_cy=WELSH_NAMES.get(str(name), ""),
                    source="package",
                )
            )
    BankHoliday.objects.bulk_create(rows, ignore_conflicts=True)
    ExceptionReason = apps.get_model("timescales", "ExceptionReason")
    for code, name_en, name_cy in REASONS:
        ExceptionReason.objects.get_or_create(
            code=code, defaults={"name_en": name_en, "name_cy": name_cy}
        )


def unload(apps, schema_editor):
    apps.get_model("timescales", "BankHoliday").objects.filter(source="package").delete()


class Migration(migrations.Migration):
    dependencies = [("timescales", "0002_load_rules")]
    operations = [migrations.RunPython(load, unload)]
