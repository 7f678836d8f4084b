import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.early_help.models import Service
from gofal.early_help.selectors import services_choosable
from gofal.early_help.tests.factories import ServiceFactory


@pytest.fixture
def team(db):
    return TeamFactory()


def _post(**overrides):
    data = {
        "form_token": "5f0c2d2e-4a4b-4c4d-8e8f-909192939495",
        "name_en": "Parenting group",
        "name_cy": "Grŵp rhianta",
        "description_en": "Six weekly sessions.",
        "description_cy": "Chwe sesiwn wythnosol.",
        "provider": "Families First",
        "eligibility": "Parents of children under 11",
        "area": "Tredegar",
        "contact": "01495 000000",
        "funding_source": "families_first",
        "funding_ends_on_day": "31",
        "funding_ends_on_month": "3",
        "funding_ends_on_year": "2027",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_manager_adds_a_service_once(client, team):
    manager = staff(Role.TEAM_MANAGER, team=team)
    client.force_login(manager)
    url = reverse("early_help:service_new")
    assert client.get(url).status_code == 200
    assert client.post(url, _post()).status_code == 302
    client.post(url, _post())
    service = Service.objects.get()
    assert service.authority == team.authority
    assert service.funding_ends_on == dt.date(2027, 3, 31)


@pytest.mark.django_db
def test_missing_welsh_name_is_refused_keeping_the_rest(client, team):
    client.force_login(staff(Role.TEAM_MANAGER, team=team))
    response = client.post(reverse("early_help:service_new"), _post(name_cy=""))
    body = response.content.decode()
    assert "Enter the name in Welsh" in body
    assert "Six weekly sessions." in body


@pytest.mark.django_db
def test_social_worker_cannot_add(client, team):
    client.force_login(staff(Role.SOCIAL_WORKER, team=team))
    assert client.get(reverse("early_help:service_new")).status_code == 403
    assert client.get(reverse("early_help:directory")).status_code == 200


@pytest.mark.django_db
def test_funding_ended_is_flagged_and_not_choosable(client, team):
    today = timezone.localdate()
    ended = ServiceFactory(authority=team.authority, funding_ends_on=today - dt.timedelta(1))
    running = ServiceFactory(authority=team.authority, funding_ends_on=today)
    ServiceFactory()  # another council's
    assert list(services_choosable(authority_id=team.authority_id, as_of=today)) == [running]
    client.force_login(staff(Role.TEAM_MANAGER, team=team))
    body = client.get(reverse("early_help:directory")).content.decode()
    assert "Funding ended" in body
    assert ended.name_en in body
