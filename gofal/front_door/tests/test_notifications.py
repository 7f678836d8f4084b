"""Notifications from other councils: recorded on receipt, shown in the history check, the
chronology and the child's record; register and looked-after status through the providers."""

import datetime as dt
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gofal.audit.models import AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import TeamFactory, staff
from gofal.casework import statuses
from gofal.front_door import services
from gofal.front_door.models import CouncilNotification
from gofal.front_door.tests.factories import make_contact
from gofal.people.presenters import badge_providers
from gofal.people.tests.factories import ChildFactory


def _notify(child, by, *, kind="register_move_in", token=None, **overrides):
    values = {
        "kind": kind,
        "from_council": "Caerphilly County Borough Council",
        "received_on": timezone.localdate() - dt.timedelta(days=3),
        "details": "Registered under neglect in March; mother and Cerys moving to Tredegar.",
        "their_contact": "Huw Jenkins, team manager, 01443 000000",
        "their_reference": "CP/2291",
    }
    values.update(overrides)
    return services.council_notification_record(
        child=child,
        notification=services.NotificationDetails(**values),
        recorded_by=by,
        form_token=token,
        now=timezone.now(),
    )


@pytest.mark.django_db
class TestRecord:
    def test_recorded_once_and_audited(self, child, worker):
        token = uuid.uuid4()
        first = _notify(child, worker, token=token)
        again = _notify(child, worker, token=token)
        assert first.pk == again.pk
        assert CouncilNotification.objects.count() == 1
        assert AuditEvent.objects.filter(
            object_id=str(first.pk), action="create", person_id=child.pk
        ).exists()

    def test_refuses_a_future_date_and_missing_details(self, child, worker):
        with pytest.raises(ValidationError) as error:
            _notify(
                child,
                worker,
                received_on=timezone.localdate() + dt.timedelta(days=1),
                details=" ",
                from_council="",
            )
        assert set(error.value.error_dict) == {"received_on", "details", "from_council"}
        assert not CouncilNotification.objects.exists()


@pytest.mark.django_db
class TestShown:
    def test_history_check_shows_notifications_and_status(self, client, child, worker):
        _notify(child, worker)
        _notify(
            child,
            worker,
            kind="looked_after_placed",
            from_council="Cardiff Council",
            details="Placed with foster carers in Ebbw Vale under a care order.",
        )
        contact = make_contact(children=[child], by=worker)
        client.force_login(worker)
        body = client.get(reverse("front_door:contact_detail", args=[contact.pk])).content.decode()
        assert "Notifications from other councils" in body
        assert "Caerphilly County Borough Council" in body
        assert "CP/2291" in body
        assert "Placed with foster carers in Ebbw Vale" in body
        register = body.index("Child protection register</dt>")
        looked_after = body.index("Looked after</dt>")
        assert "Caerphilly County Borough Council notified us on" in body[register:looked_after]
        assert "Cardiff Council notified us on" in body[looked_after:]
        assert AuditEvent.objects.filter(person_id=child.pk, action="view").exists()

    def test_status_provider_answers_for_all_children_at_once(
        self, client, child, worker, authority, django_assert_num_queries
    ):
        calls = []

        def register(child_ids, as_of):
            calls.append(list(child_ids))
            return {child.pk: [statuses.ChildStatus(label="On the register: neglect")]}

        other = ChildFactory(authority=authority, given_name="Dylan")
        contact = make_contact(children=[child, other], by=worker)
        url = reverse("front_door:contact_detail", args=[contact.pk])
        client.force_login(worker)
        body = client.get(url).content.decode()
        assert "Not held in Gofal yet" in body  # no area holds the register yet
        statuses.register_status_provider(statuses.Topic.REGISTER, register)
        try:
            body = client.get(url).content.decode()
        finally:
            statuses.unregister_status_provider(statuses.Topic.REGISTER, register)
        assert calls == [[child.pk, other.pk]]
        assert "On the register: neglect" in body
        register_row = body[body.index("Child protection register</dt>") :]
        assert "Not held in Gofal yet" in register_row  # still true of looked after

    def test_person_tab_chronology_and_form(self, client, child, worker):
        client.force_login(worker)
        url = reverse("front_door:notification_new", args=[child.pk])
        assert client.get(url).status_code == 200
        today = timezone.localdate()
        post = {
            "form_token": str(uuid.uuid4()),
            "kind": "transfer_in",
            "from_council": "",
            "received_on_day": today.day,
            "received_on_month": today.month,
            "received_on_year": today.year,
            "details": "Child protection plan transferring; transfer conference booked.",
        }
        response = client.post(url, post)
        body = response.content.decode()
        assert "Enter the council that sent it" in body
        assert "transfer conference booked" in body
        response = client.post(url, {**post, "from_council": "Newport City Council"})
        assert response.status_code == 302
        client.post(url, {**post, "from_council": "Newport City Council"})  # double submit
        assert CouncilNotification.objects.count() == 1
        tab = client.get(reverse("front_door:person_contacts", args=[child.pk])).content.decode()
        assert "Newport City Council" in tab
        chronology = client.get(reverse("casework:chronology", args=[child.pk])).content.decode()
        assert "Notification from Newport City Council" in chronology

    def test_another_councils_child_is_not_found(self, client, child):
        stranger = staff(Role.SOCIAL_WORKER, team=TeamFactory())
        client.force_login(stranger)
        url = reverse("front_door:notification_new", args=[child.pk])
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_contact_page_queries_are_pinned_whatever_the_history(
    client, child, worker, django_assert_num_queries
):
    contact = make_contact(children=[child], by=worker)
    url = reverse("front_door:contact_detail", args=[contact.pk])
    client.force_login(worker)
    client.get(url)
    pinned = BASE_QUERIES[connection.vendor] + len(badge_providers())
    with django_assert_num_queries(pinned) as before:
        client.get(url)
    for days in range(1, 6):
        make_contact(
            children=[child], by=worker, received_at=timezone.now() - dt.timedelta(days=days)
        )
        _notify(child, worker)
    with django_assert_num_queries(len(before.captured_queries)):
        client.get(url)


@pytest.mark.django_db
def test_decided_contact_page_queries_are_pinned_whatever_the_disagreement(
    client, child, worker, authority, django_assert_num_queries
):
    from gofal.front_door import feedback, selectors
    from gofal.front_door.models import DisagreementStage, Outcome

    contact = make_contact(children=[child], by=worker)
    level = next(
        lv
        for lv in selectors.threshold_levels(authority_id=authority.pk)
        if not lv.requires_authorisation
    )
    services.threshold_decision_record(
        contact=contact,
        details=services.DecisionDetails(
            level=level,
            reasons="Concerns met by universal services.",
            corroboration="School consulted.",
            child_perspective="Cerys is happy at school.",
            outcome=Outcome.NO_FURTHER_ACTION,
            family_told="No further action.",
        ),
        decided_by=worker,
        may_authorise=True,
        form_token=None,
        now=timezone.now(),
    )
    url = reverse("front_door:contact_detail", args=[contact.pk])
    client.force_login(worker)
    client.get(url)
    pinned = BASE_QUERIES[connection.vendor] + DECIDED_QUERIES + len(badge_providers())
    with django_assert_num_queries(pinned):
        page = client.get(url).content.decode()
    assert "The referrer has not disagreed." in page
    assert "Record a disagreement, escalation or result" in page
    for stage, note, result in [
        (DisagreementStage.RAISED, "The school disagrees with no further action.", ""),
        (DisagreementStage.RESOLVED, "Agreed after a call with the head teacher.", "upheld"),
    ]:
        feedback.disagreement_step_add(
            contact=contact,
            stage=stage,
            note=note,
            result=result,
            recorded_by=worker,
            now=timezone.now(),
        )
    with django_assert_num_queries(pinned):
        page = client.get(url).content.decode()
    assert "Agreed after a call with the head teacher." in page
    assert "Record a disagreement, escalation or result" not in page  # resolved


@pytest.mark.django_db
def test_contact_page_queries_do_not_grow_with_the_number_of_children(
    client, child, worker, authority, django_assert_num_queries
):
    from gofal.assessments import services as assessments

    one = make_contact(children=[child], by=worker)
    brothers = [
        ChildFactory(authority=authority, given_name=name, family_name="Hughes")
        for name in ("Aled", "Dafydd")
    ]
    three = make_contact(children=[child, *brothers], by=worker)
    for kid, kind in [(child, "cse"), (brothers[1], "missing")]:
        assessments.flag_start(
            child=kid,
            kind=kind,
            started_on=timezone.localdate() - dt.timedelta(days=7),
            note="Recorded at the strategy discussion",
            recorded_by=worker,
            form_token=uuid.uuid4(),
            as_of=timezone.localdate(),
        )
    client.force_login(worker)
    client.get(reverse("front_door:contact_detail", args=[one.pk]))
    pinned = BASE_QUERIES[connection.vendor] + len(badge_providers())
    with django_assert_num_queries(pinned):
        client.get(reverse("front_door:contact_detail", args=[one.pk]))
    with django_assert_num_queries(pinned):
        page = client.get(reverse("front_door:contact_detail", args=[three.pk])).content.decode()
    # each child's own flags in their history heading, and only theirs
    headings = {
        kid.given_name: page.split(f'id="history-{kid.pk}"', 1)[1].split("</h3>", 1)[0]
        for kid in [child, *brothers]
    }
    assert "Child sexual exploitation" in headings["Cerys"]
    assert "Missing" not in headings["Cerys"]
    assert "moj-badge" not in headings["Aled"]
    assert '<strong class="moj-badge moj-badge--red">Missing</strong>' in headings["Dafydd"]
    assert "exploitation" not in headings["Dafydd"]


# The contact page with one child and no decision yet: the contact with its people, its
# feedback, the history check, the audit of the read; plus one query per identity-bar badge
# provider (all the children at once). A decided contact adds its decision's descriptors,
# services and disagreement (3).
BASE_QUERIES = {"sqlite": 15, "postgresql": 23}
DECIDED_QUERIES = 3
