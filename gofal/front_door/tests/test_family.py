"""People on a contact are linked as a family, as the worker chose, both ways, once."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from gofal.front_door import services
from gofal.front_door.models import Contact
from gofal.front_door.tests.factories import contact_details
from gofal.front_door.tests.test_views import _contact_post
from gofal.people import services as people
from gofal.people.models import Relationship
from gofal.people.tests.factories import AdultFactory, ChildFactory


@pytest.fixture
def mother(authority):
    return AdultFactory(authority=authority, given_name="Lowri", family_name="Hughes")


@pytest.fixture
def brother(authority):
    return ChildFactory(authority=authority, given_name="Dylan", family_name="Hughes")


def _kinds(person):
    return {
        (r.related.given_name, r.kind)
        for r in Relationship.objects.filter(person=person, ended_on__isnull=True).select_related(
            "related"
        )
    }


@pytest.mark.django_db
class TestFamilyLinks:
    def test_chosen_relationships_are_recorded_both_ways_once(self, child, brother, mother, worker):
        token = uuid.uuid4()
        for _ in range(2):  # a double submission links them once
            services.contact_record(
                authority=child.authority,
                details=contact_details(),
                children=[child, brother],
                adults=[mother],
                family=[
                    services.FamilyLink(person=child, related=mother, kind="parent"),
                    services.FamilyLink(person=brother, related=mother, kind="parent"),
                    services.FamilyLink(person=child, related=brother, kind="sibling"),
                ],
                team=None,
                recorded_by=worker,
                form_token=token,
                now=timezone.now(),
            )
        assert _kinds(child) == {("Lowri", "parent"), ("Dylan", "sibling")}
        assert _kinds(mother) == {("Cerys", "child"), ("Dylan", "child")}
        assert _kinds(brother) == {("Lowri", "parent"), ("Cerys", "sibling")}
        assert Relationship.objects.count() == 6

    def test_an_existing_relationship_is_not_duplicated(self, child, mother, worker):
        people.relationship_create(
            person=child,
            related=mother,
            kind="step_parent",
            related_has_parental_responsibility=False,
            person_has_parental_responsibility=False,
            started_on=None,
            recorded_by=worker,
            as_of=timezone.localdate(),
        )
        services.contact_record(
            authority=child.authority,
            details=contact_details(),
            children=[child],
            adults=[mother],
            family=[services.FamilyLink(person=child, related=mother, kind="parent")],
            team=None,
            recorded_by=worker,
            form_token=None,
            now=timezone.now(),
        )
        assert _kinds(child) == {("Lowri", "step_parent")}
        assert Relationship.objects.count() == 2

    def test_the_form_asks_per_pair_and_skips_what_is_recorded(
        self, client, child, brother, mother, worker
    ):
        people.relationship_create(
            person=child,
            related=brother,
            kind="half_sibling",
            related_has_parental_responsibility=False,
            person_has_parental_responsibility=False,
            started_on=None,
            recorded_by=worker,
            as_of=timezone.localdate(),
        )
        client.force_login(worker)
        url = (
            reverse("front_door:contact_new")
            + f"?child={child.pk}&child={brother.pk}&adult={mother.pk}"
        )
        body = client.get(url).content.decode()
        assert "What is Lowri Hughes to Cerys Hughes?" in body
        assert "What is Lowri Hughes to Dylan Hughes?" in body
        assert "What is Dylan Hughes to Cerys Hughes?" not in body
        assert "Dylan Hughes to Cerys Hughes: Half-sibling" in body
        response = client.post(
            url, {**_contact_post(), "family-pair_0": "parent", "family-pair_1": ""}
        )
        assert response.status_code == 302
        contact = Contact.objects.get()
        assert contact.persons.count() == 3
        assert _kinds(child) == {("Lowri", "parent"), ("Dylan", "half_sibling")}
        assert _kinds(brother) == {("Cerys", "half_sibling")}  # not known yet: nothing recorded


@pytest.mark.django_db
def test_people_added_later_can_be_linked_from_the_contact(client, child, mother, worker):
    contact = services.contact_record(
        authority=child.authority,
        details=contact_details(),
        children=[child],
        team=None,
        recorded_by=worker,
        form_token=None,
        now=timezone.now(),
    )
    services.contact_add_person(
        contact=contact, person=mother, role="adult", added_by=worker, now=timezone.now()
    )
    client.force_login(worker)
    detail = client.get(reverse("front_door:contact_detail", args=[contact.pk])).content.decode()
    url = reverse("front_door:contact_family", args=[contact.pk])
    assert url in detail
    body = client.get(url).content.decode()
    assert "What is Lowri Hughes to Cerys Hughes?" in body
    response = client.post(url, {"family-pair_0": "parent"})
    assert response.status_code == 302
    assert _kinds(child) == {("Lowri", "parent")}
    body = client.get(url).content.decode()
    assert "What is Lowri Hughes to Cerys Hughes?" not in body
    assert "Lowri Hughes to Cerys Hughes: Parent" in body
