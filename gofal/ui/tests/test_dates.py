import datetime as dt

import pytest
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation

from gofal.ui.dates import ListDates
from gofal.ui.templatetags.gofal_ui import govuk_date

DAYS = [dt.date(2024, 1, 1) + dt.timedelta(days=n) for n in range(0, 731, 17)]


class TestListDates:
    @pytest.mark.parametrize("language", ["en-gb", "cy"])
    def test_writes_what_the_govuk_date_filter_writes(self, language):
        with translation.override(language):
            dates = ListDates()
            for day in DAYS:
                assert dates.text(day) == govuk_date(day)

    def test_month_names_are_in_the_language_active_when_made(self):
        with translation.override("cy"):
            dates = ListDates()
        assert dates.text(dt.date(2025, 6, 4)) == "4 Mehefin 2025"
        with translation.override("en-gb"):
            assert ListDates().text(dt.date(2025, 6, 4)) == "4 June 2025"

    def test_a_moment_is_the_local_day(self, settings):
        settings.TIME_ZONE = "Europe/London"
        late = timezone.make_aware(dt.datetime(2025, 6, 30, 23, 30))  # 22:30 UTC
        with translation.override("en-gb"):
            assert ListDates().text(late) == "30 June 2025" == govuk_date(late)

    def test_no_date_is_empty(self):
        assert ListDates().text(None) == ""
        assert ListDates().sort_value(None) == "0"
        assert ListDates().sort_value(None, empty="") == ""

    def test_sort_values_match_the_date_filter(self):
        for day in DAYS:
            assert ListDates().sort_value(day) == date_filter(day, "Ymd")
            moment = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 5)))
            assert ListDates().sort_value(moment) == date_filter(moment, "YmdHi")
