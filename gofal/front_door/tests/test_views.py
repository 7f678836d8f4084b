import datetime as dt

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from gofal.audit.models import AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.casework.models import InvolvementReason
from gofal.front_door import selectors
from gofal.front_door.models import Contact, ContactPerson, Outcome
from gofal.front_door.tests.factories import make_contact
from gofal.people.models import Person
from gofal.people.tests.factories import ChildFactory


def _contact_post(**overrides):
    now = timezone.localtime() - dt.timedelta(minutes=30)
    data = {
        "form_token": "8b3c7a52-52a1-4e0b-9d7e-0d2f7c1a1111",
        "received_on_day": now.day,
        "received_on_month": now.month,
        "received_on_year": now.year,
        "received_time": now.strftime("%H:%M"),
        "channel": "phone",
        "source": "police",
        "referrer_name": "PC Dafydd Rees",
        "referrer_organisation": "Heddlu Gwent Police",
        "referrer_language": "cy",
        "concerns": "Domestic incident at the family home last night.",
        "concern_categories": ["domestic_abuse"],
        "consent": "not_sought",
        "consent_reason": "Seeking it could put the child at risk from the father.",
        "urgency": "today",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
class TestRecordContact:
    def test_records_and_shows_the_contact(self, client, worker, child):
        client.force_login(worker)
        url = reverse("front_door:contact_new") + f"?child={child.pk}"
        assert client.get(url).status_code == 200
        response = client.post(url, _contact_post())
        contact = Contact.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("front_door:contact_detail", args=[contact.pk])
        assert contact.referrer_language == "cy"
        assert contact.team is not None
        # Submitted again (a double click): still one contact.
        client.post(url, _contact_post())
        assert Contact.objects.count() == 1

    def test_a_child_not_found_is_recorded_and_comes_back_to_the_contact(
        self, client, worker, child
    ):
        client.force_login(worker)
        start = reverse("front_door:contact_new") + f"?adult={child.pk}"
        page = client.get(start).content.decode()
        link = reverse("people:person_create") + "?" + urlencode({"next": start, "add_as": "child"})
        assert link.replace("&", "&amp;") in page
        data = {
            "given_name": "Nia",
            "family_name": "Prosser",
            "date_of_birth_day": "3",
            "date_of_birth_month": "4",
            "date_of_birth_year": "2019",
            "sex": "female",
            "disability": "not_known",
            "preferred_language": "cy",
            "submission_token": "7b3c7a52-52a1-4e0b-9d7e-0d2f7c1a2222",
            "next": start,
            "add_as": "child",
            "confirm_new": "1",
        }
        response = client.post(reverse("people:person_create"), data)
        nia = Person.objects.get(family_name="Prosser")
        assert response.url == f"{start}&child={nia.pk}"
        form = client.get(response.url).content.decode()
        assert "Nia Prosser" in form  # the new child is on the contact being recorded

    def test_bad_input_keeps_what_was_typed(self, client, worker, child):
        client.force_login(worker)
        url = reverse("front_door:contact_new") + f"?child={child.pk}"
        response = client.post(url, _contact_post(consent_reason="", received_time="25:99"))
        assert response.status_code == 200
        body = response.content.decode()
        assert "Enter why consent was not obtained or not sought" in body
        assert "Enter a real time" in body
        assert "Domestic incident at the family home last night." in body
        assert not Contact.objects.exists()

    def test_future_time_is_refused(self, client, worker, child):
        client.force_login(worker)
        later = timezone.localtime() + dt.timedelta(hours=3)
        if later.date() != timezone.localdate():
            pytest.skip("too close to midnight to test a later time today")
        url = reverse("front_door:contact_new") + f"?child={child.pk}"
        # today's date with it: in the half hour after midnight `_contact_post`'s date is
        # yesterday's, on which a later time of day is still in the past
        response = client.post(
            url,
            _contact_post(
                received_on_day=later.day,
                received_on_month=later.month,
                received_on_year=later.year,
                received_time=later.strftime("%H:%M"),
            ),
        )
        assert "Time received must be now or in the past" in response.content.decode()
        assert not Contact.objects.exists()

    def test_unidentified_child_needs_a_reason(self, client, worker):
        client.force_login(worker)
        url = reverse("front_door:contact_new") + "?unidentified=1"
        response = client.post(url, _contact_post())
        assert "Enter why the child is not yet identified" in response.content.decode()
        response = client.post(url, _contact_post(unidentified_reason="Anonymous caller"))
        assert response.status_code == 302

    def test_find_page_searches_and_audits(self, client, worker, child):
        client.force_login(worker)
        response = client.get(reverse("front_door:contact_new") + "?q=Cerys Hughes")
        assert response.status_code == 200
        assert "Cerys Hughes" in response.content.decode()
        assert AuditEvent.objects.filter(person_id=child.pk, action="search").exists()

    def test_another_councils_child_is_not_found(self, client, worker):
        stranger = ChildFactory()
        client.force_login(worker)
        url = reverse("front_door:contact_new") + f"?child={stranger.pk}"
        assert client.get(url).status_code == 404


@pytest.mark.django_db
class TestContactPage:
    def test_shows_history_and_audits_the_read(self, client, worker, child):
        earlier = [
            make_contact(
                children=[child], by=worker, received_at=timezone.now() - dt.timedelta(days=d)
            )
            for d in (200, 100)
        ]
        assert earlier
        contact = make_contact(children=[child], by=worker)
        client.force_login(worker)
        response = client.get(reverse("front_door:contact_detail", args=[contact.pk]))
        body = response.content.decode()
        assert "Repeat: 3 contacts in 12 months" in body
        assert AuditEvent.objects.filter(
            person_id=child.pk, action="view", detail__page="contact"
        ).exists()

    def test_lists_the_ten_newest_earlier_contacts_and_links_to_all(
        self, client, worker, child, authority, settings
    ):
        from gofal.front_door import services
        from gofal.front_door.models import Source

        now = timezone.now()
        earlier = [
            make_contact(
                children=[child],
                by=worker,
                received_at=now - dt.timedelta(days=30 * n),
                source=Source.SCHOOL if n == 1 else Source.HEALTH_VISITOR,
            )
            for n in range(1, 13)
        ]
        level = next(
            lv
            for lv in selectors.threshold_levels(authority_id=authority.pk)
            if not lv.requires_authorisation
        )
        services.threshold_decision_record(
            contact=earlier[0],
            details=services.DecisionDetails(
                level=level,
                reasons="Worries met by the school's own support.",
                corroboration="School nurse consulted.",
                child_perspective="Cerys says school is fine now.",
                outcome=Outcome.NO_FURTHER_ACTION,
                family_told="No further action; the school will keep in touch.",
            ),
            decided_by=worker,
            may_authorise=True,
            form_token=None,
            now=now,
        )
        contact = make_contact(children=[child], by=worker)
        client.force_login(worker)
        body = client.get(reverse("front_door:contact_detail", args=[contact.pk])).content.decode()
        listed = body.split("Earlier contacts", 1)[1]
        for shown in earlier[:10]:
            assert reverse("front_door:contact_detail", args=[shown.pk]) in listed
        for hidden in earlier[10:]:
            assert reverse("front_door:contact_detail", args=[hidden.pk]) not in listed
        newest = earlier[0].received_at
        day = f"{timezone.localtime(newest).day} {timezone.localtime(newest):%B %Y}"
        assert f">{day}</a>: School – No further action</li>" in listed
        assert listed.count("Health visitor – no decision yet") == 9
        assert "12 earlier contacts in all" in listed
        assert reverse("front_door:person_contacts", args=[child.pk]) in listed
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "cy"
        body = client.get(reverse("front_door:contact_detail", args=[contact.pk])).content.decode()
        assert "12 cyswllt cynharach i gyd" in body

    def test_another_council_gets_404(self, client, worker, child):
        contact = make_contact(children=[child], by=worker)
        other = staff(Role.SOCIAL_WORKER, team=TeamFactory())
        client.force_login(other)
        for name in ("contact_detail", "decision_new", "contact_add_person"):
            assert client.get(reverse(f"front_door:{name}", args=[contact.pk])).status_code == 404

    def test_restricted_child_gets_404(self, client, worker, authority):
        hidden = ChildFactory(authority=authority, restricted=True)
        contact = make_contact(children=[hidden], by=worker)
        client.force_login(worker)
        assert (
            client.get(reverse("front_door:contact_detail", args=[contact.pk])).status_code == 404
        )

    def test_a_restricted_person_is_seen_only_with_access(self, client, worker, child, authority):
        from gofal.people.models import PersonAccess

        adult = ChildFactory(authority=authority, restricted=True, given_name="Gareth")
        contact = make_contact(children=[child], adults=[adult], by=worker)
        url = reverse("front_door:contact_detail", args=[contact.pk])
        client.force_login(worker)
        assert client.get(url).status_code == 404
        assert not AuditEvent.objects.filter(person_id=child.pk, detail__page="contact").exists()
        grant = PersonAccess.objects.create(
            authority=authority,
            person=adult,
            user=worker,
            granted_by=worker,
            reason="Working with the family",
            starts_at=timezone.now() - dt.timedelta(days=1),
        )
        response = client.get(url)
        assert response.status_code == 200
        assert "Gareth" in response.content.decode()
        grant.ends_at = timezone.now() - dt.timedelta(minutes=1)
        grant.save()
        assert client.get(url).status_code == 404

    def test_privacy_officer_sees_a_restricted_child(
        self, client, worker, authority, front_door_team
    ):
        hidden = ChildFactory(authority=authority, restricted=True)
        contact = make_contact(children=[hidden], by=worker)
        client.force_login(staff(Role.PRIVACY_OFFICER, team=front_door_team))
        response = client.get(reverse("front_door:contact_detail", args=[contact.pk]))
        assert response.status_code == 200

    def test_page_queries_do_not_grow_with_history(
        self, client, worker, child, django_assert_num_queries, django_assert_max_num_queries
    ):
        contact = make_contact(children=[child], by=worker)
        url = reverse("front_door:contact_detail", args=[contact.pk])
        client.force_login(worker)
        client.get(url)
        with django_assert_max_num_queries(60) as few:
            client.get(url)
        for days in range(1, 8):
            make_contact(
                children=[child], by=worker, received_at=timezone.now() - dt.timedelta(days=days)
            )
        with django_assert_num_queries(len(few.captured_queries)):
            client.get(url)


@pytest.mark.django_db
class TestDecision:
    def _post(self, **overrides):
        data = {
            "form_token": "0c7d6e6f-1b1a-4a3b-8c7d-6e6f1b1a4a3b",
            "reasons": "History of three police reports; injuries seen at school.",
            "corroboration": "School and health visitor spoken to.",
            "child_perspective": "Cerys said she is scared when dad shouts.",
            "outcome": Outcome.ASSESSMENT,
            "involvement_reason": InvolvementReason.ABUSE_OR_NEGLECT,
        }
        data.update(overrides)
        return data

    def test_assessment_decision(self, client, worker, child, locality):
        contact = make_contact(children=[child], by=worker)
        level = next(
            lv
            for lv in selectors.threshold_levels(authority_id=child.authority_id)
            if lv.code == "care_and_support"
        )
        client.force_login(worker)
        url = reverse("front_door:decision_new", args=[contact.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url,
            self._post(
                level=level.pk,
                descriptors=[level.descriptors.first().pk],
                involvement_team=locality.pk,
            ),
        )
        assert response.status_code == 302
        contact.refresh_from_db()
        assert contact.decision.outcome == Outcome.ASSESSMENT
        assert ContactPerson.objects.get(contact=contact).decision_deadline.met_at

    def test_missing_details_keep_what_was_typed(self, client, worker, child):
        contact = make_contact(children=[child], by=worker)
        level = selectors.threshold_levels(authority_id=child.authority_id)[0]
        client.force_login(worker)
        url = reverse("front_door:decision_new", args=[contact.pk])
        response = client.post(
            url, self._post(level=level.pk, outcome=Outcome.NO_FURTHER_ACTION, reasons="")
        )
        body = response.content.decode()
        assert response.status_code == 200
        assert "Enter the reasons for the decision" in body
        assert "Enter what the family was told and advised" in body
        assert "Cerys said she is scared when dad shouts." in body

    def test_business_support_cannot_decide(self, client, worker, child, front_door_team):
        contact = make_contact(children=[child], by=worker)
        clerk = staff(Role.BUSINESS_SUPPORT, team=front_door_team)
        client.force_login(clerk)
        url = reverse("front_door:decision_new", args=[contact.pk])
        assert client.get(url).status_code == 403


@pytest.mark.django_db
class TestQueue:
    def test_lists_contacts_awaiting_decision_with_clocks(self, client, worker, child, authority):
        make_contact(children=[child], by=worker)
        make_contact(children=[], authority=authority, by=worker, unidentified_reason="No name")
        client.force_login(worker)
        response = client.get(reverse("front_door:queue"))
        body = response.content.decode()
        assert "Cerys Hughes" in body
        assert "No name" in body

    def test_queue_queries_are_fixed(
        self, client, worker, authority, django_assert_num_queries, django_assert_max_num_queries
    ):
        make_contact(children=[ChildFactory(authority=authority)], by=worker)
        client.force_login(worker)
        client.get(reverse("front_door:queue"))
        with django_assert_max_num_queries(60) as few:
            client.get(reverse("front_door:queue"))
        for _ in range(4):
            make_contact(children=[ChildFactory(authority=authority)], by=worker)
        with django_assert_num_queries(len(few.captured_queries)):
            client.get(reverse("front_door:queue"))

    def test_person_tab_and_chronology(self, client, worker, child):
        contact = make_contact(children=[child], by=worker)
        client.force_login(worker)
        response = client.get(reverse("front_door:person_contacts", args=[child.pk]))
        assert reverse("front_door:contact_detail", args=[contact.pk]) in response.content.decode()
        response = client.get(reverse("casework:chronology", args=[child.pk]))
        assert "Contact from Police" in response.content.decode()


def test_vendor():
    assert connection.vendor in {"sqlite", "postgresql"}
