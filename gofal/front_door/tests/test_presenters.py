"""The contact page's addresses, made from shapes reversed once per process."""

import uuid

from django.urls import reverse

from gofal.front_door import presenters


def test_each_contact_gets_its_own_addresses():
    first, second, sent = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    for contact_id in (first, second):
        links = presenters.contact_links(contact_id)
        assert links.add_person == reverse("front_door:contact_add_person", args=[contact_id])
        assert links.family == reverse("front_door:contact_family", args=[contact_id])
        assert links.confirmation == reverse("front_door:confirmation_receive", args=[contact_id])
        assert links.decision == reverse("front_door:decision_new", args=[contact_id])
        assert links.authorise == reverse("front_door:decision_authorise", args=[contact_id])
        assert links.acknowledgement == reverse(
            "front_door:feedback_new", args=[contact_id, "acknowledgement"]
        )
        assert links.outcome == reverse("front_door:feedback_new", args=[contact_id, "outcome"])
        assert links.disagreement == reverse("front_door:disagreement", args=[contact_id])
    assert presenters.address("front_door:feedback_detail", first, sent) == reverse(
        "front_door:feedback_detail", args=[first, sent]
    )
    assert presenters.address("people:person_detail", second) == reverse(
        "people:person_detail", args=[second]
    )
