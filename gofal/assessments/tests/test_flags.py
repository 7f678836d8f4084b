import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from gofal.assessments import services
from gofal.assessments.models import VulnerabilityFlag
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import staff
from gofal.people.presenters import identity_bar

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 2, 3)


def _flag(child, worker, **kwargs):
    values = {
        "kind": "cse",
        "started_on": dt.date(2025, 1, 10),
        "note": "Seen with older men at the bus station",
        "recorded_by": worker,
        "form_token": uuid.uuid4(),
        "as_of": TODAY,
    }
    values.update(kwargs)
    return services.flag_start(child=child, **values)


class TestFlags:
    def test_a_current_flag_shows_on_the_identity_bar(self, child, worker):
        _flag(child, worker)
        labels = [b.label for b in identity_bar(child, as_of=TODAY).badges]
        assert "Child sexual exploitation" in labels
        before = [b.label for b in identity_bar(child, as_of=dt.date(2025, 1, 9)).badges]
        assert "Child sexual exploitation" not in before

    def test_one_open_flag_of_a_kind(self, child, worker):
        _flag(child, worker)
        with pytest.raises(ValidationError):
            _flag(child, worker)
        _flag(child, worker, kind="missing")
        assert VulnerabilityFlag.objects.count() == 2

    def test_ending_a_flag_takes_it_off_the_bar(self, child, worker):
        flag = _flag(child, worker)
        with pytest.raises(ValidationError) as error:
            services.flag_end(
                flag=flag,
                expected_version=flag.version,
                ended_on=TODAY,
                reason="",
                ended_by=worker,
                as_of=TODAY,
            )
        assert "reason" in error.value.error_dict
        services.flag_end(
            flag=flag,
            expected_version=flag.version,
            ended_on=TODAY,
            reason="Risk reduced: no contact for 3 months",
            ended_by=worker,
            as_of=TODAY,
        )
        labels = [b.label for b in identity_bar(child, as_of=TODAY).badges]
        assert "Child sexual exploitation" not in labels

    def test_page_adds_a_flag_and_keeps_input_on_error(self, client, child, worker):
        client.force_login(worker)
        url = reverse("assessments:flags", args=[child.pk])
        r = client.post(url, {"note": "Found at 2am in town"})
        body = r.content.decode()
        assert "Select the flag" in body
        assert "Found at 2am in town" in body
        today = timezone.localdate()
        r = client.post(
            url,
            {
                "kind": "missing",
                "started_on_day": today.day,
                "started_on_month": today.month,
                "started_on_year": today.year,
            },
        )
        assert r.status_code == 302
        r = client.get(url)
        assert "govuk-tag--red" in r.content.decode()

    def test_business_support_sees_but_cannot_add(self, client, child, team):
        support = staff(Role.BUSINESS_SUPPORT, team=team)
        client.force_login(support)
        url = reverse("assessments:flags", args=[child.pk])
        assert client.get(url).status_code == 200
        assert client.post(url, {"kind": "cse"}).status_code == 403


class TestFlagsForSeveralChildren:
    def test_each_childs_current_flags_in_one_query(
        self, child, worker, team, django_assert_num_queries
    ):
        from gofal.assessments.badges import flag_badges
        from gofal.assessments.selectors import flag_kinds_current_by_child
        from gofal.casework.tests.factories import ChildFactory

        sister = ChildFactory(authority=team.authority)
        unflagged = ChildFactory(authority=team.authority)
        _flag(child, worker, kind="missing")
        _flag(child, worker)
        _flag(sister, worker, started_on=dt.date(2025, 2, 4), as_of=dt.date(2025, 2, 4))  # later
        _flag(sister, worker, kind="missing", started_on=dt.date(2025, 1, 20))
        with django_assert_num_queries(1):
            kinds = flag_kinds_current_by_child(children=[child, sister, unflagged], as_of=TODAY)
        assert kinds == {child.pk: ["cse", "missing"], sister.pk: ["missing"], unflagged.pk: []}
        with django_assert_num_queries(1):
            badges = flag_badges([child, sister, unflagged], TODAY)
        assert [b.label for b in badges[child.pk]] == [
            "Child sexual exploitation",
            "Missing",
        ]
        assert all(b.colour == "red" for b in badges[child.pk])
        assert [b.label for b in badges[sister.pk]] == ["Missing"]
        assert badges[unflagged.pk] == []

    def test_no_children_no_query(self, django_assert_num_queries):
        from gofal.assessments.selectors import flag_kinds_current_by_child

        with django_assert_num_queries(0):
            assert flag_kinds_current_by_child(children=[], as_of=TODAY) == {}
