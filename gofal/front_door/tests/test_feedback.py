import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from gofal.authorities.acting import acting_for
from gofal.casework.models import InvolvementReason
from gofal.front_door import feedback, selectors, services
from gofal.front_door.models import DisagreementStage, Feedback, Outcome
from gofal.front_door.tests.factories import make_contact
from gofal.front_door.tests.test_services import _decide


@pytest.fixture
def contact(child, worker, front_door_team):
    return make_contact(children=[child], by=worker, team=front_door_team, referrer_language="cy")


def _assess(contact, worker, locality):
    return _decide(
        contact,
        worker,
        outcome=Outcome.ASSESSMENT,
        involvement_team=locality,
        involvement_reason=InvolvementReason.ABUSE_OR_NEGLECT,
    )


@pytest.mark.django_db
def test_acknowledgement_is_emailed_in_welsh_once(
    contact, worker, django_capture_on_commit_callbacks
):
    token = "4a1c0a36-0f43-4d0b-9f0e-5a1a7d9c0001"
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            sent = feedback.feedback_send(
                contact=contact,
                kind="acknowledgement",
                method="email",
                sent_by=worker,
                form_token=token,
                now=timezone.now(),
            )
    assert Feedback.objects.count() == 1
    assert sent.language == "cy"
    assert "Annwyl PC Dafydd Rees" in sent.body
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["dafydd.rees@example.org"]


@pytest.mark.django_db
def test_outcome_needs_a_decision_and_names_it(contact, worker, locality):
    with pytest.raises(ValidationError):
        feedback.feedback_render(contact=contact, kind="outcome")
    _assess(contact, worker, locality)
    contact.refresh_from_db()
    letter = feedback.feedback_render(contact=contact, kind="outcome")
    with translation.override("cy"):
        outcome = str(Outcome.ASSESSMENT.label).lower()
    assert outcome in letter.body
    assert locality.name_cy in letter.body or locality.name_en in letter.body


@pytest.mark.django_db
def test_email_without_address_is_refused(child, worker):
    contact = make_contact(children=[child], by=worker, referrer_email="")
    with pytest.raises(ValidationError) as error:
        feedback.feedback_send(
            contact=contact,
            kind="acknowledgement",
            method="email",
            sent_by=worker,
            form_token=None,
            now=timezone.now(),
        )
    assert "method" in error.value.error_dict


@pytest.mark.django_db
def test_outstanding_list_per_team(client, contact, worker, locality, front_door_team):
    client.force_login(worker)
    rows = list(selectors.feedback_outstanding(user=_acting(client, worker)))
    assert [r.pk for r in rows] == [contact.pk]
    feedback.feedback_send(
        contact=contact,
        kind="acknowledgement",
        method="print",
        sent_by=worker,
        form_token=None,
        now=timezone.now(),
    )
    assert not list(selectors.feedback_outstanding(user=_acting(client, worker)))
    _assess(contact, worker, locality)
    owed = selectors.feedback_outstanding(user=_acting(client, worker), team_id=front_door_team.pk)
    assert [r.pk for r in owed] == [contact.pk]
    assert not list(
        selectors.feedback_outstanding(user=_acting(client, worker), team_id=locality.pk)
    )
    response = client.get(reverse("front_door:feedback_outstanding"))
    assert response.status_code == 200
    assert reverse("front_door:contact_detail", args=[contact.pk]) in response.content.decode()


def _acting(client, user):
    user.acting = acting_for(
        user=user,
        authority_id=user.memberships.first().authority_id,
        as_of=timezone.localdate(),
    )
    return user


@pytest.mark.django_db
def test_disagreement_escalates_in_order(contact, worker, manager, locality):
    _assess(contact, worker, locality)
    contact.refresh_from_db()
    add = feedback.disagreement_step_add
    now = timezone.now()
    add(
        contact=contact,
        stage="raised",
        note="School thinks CP is needed",
        recorded_by=worker,
        now=now,
    )
    with pytest.raises(ValidationError):
        add(contact=contact, stage="senior_manager", note="x", recorded_by=worker, now=now)
    add(contact=contact, stage="line_manager", note="Passed to Rhys", recorded_by=worker, now=now)
    with pytest.raises(ValidationError) as error:
        add(contact=contact, stage="resolved", note="Talked", recorded_by=manager, now=now)
    assert "result" in error.value.error_dict
    add(
        contact=contact,
        stage="resolved",
        note="Assessment stands",
        result="upheld",
        recorded_by=manager,
        now=now,
    )
    assert feedback.disagreement_stage(contact) == DisagreementStage.RESOLVED


@pytest.mark.django_db
def test_pages(client, contact, worker, locality):
    client.force_login(worker)
    url = reverse("front_door:feedback_new", args=[contact.pk, "acknowledgement"])
    body = client.get(url).content.decode()
    assert "Annwyl" in body
    response = client.post(
        url, {"form_token": "4a1c0a36-0f43-4d0b-9f0e-5a1a7d9c0002", "method": "print"}
    )
    sent = Feedback.objects.get()
    assert response.url == reverse("front_door:feedback_detail", args=[contact.pk, sent.pk])
    assert "Annwyl" in client.get(response.url).content.decode()
    assert (
        client.get(reverse("front_door:feedback_new", args=[contact.pk, "outcome"])).status_code
        == 302
    )
    _assess(contact, worker, locality)
    response = client.post(
        reverse("front_door:disagreement", args=[contact.pk]), {"stage": "raised", "note": ""}
    )
    assert "Enter what was said" in response.content.decode()
    assert services  # the decision service is what the outcome message follows
