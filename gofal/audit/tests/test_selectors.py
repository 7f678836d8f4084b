import uuid
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from gofal.audit.models import Action
from gofal.audit.selectors import events_for_person
from gofal.audit.tests.factories import audit_events

pytestmark = pytest.mark.django_db


def test_events_for_person_newest_first_and_scoped_to_person_and_council():
    person, other_person = uuid.uuid4(), uuid.uuid4()
    council, other_council = uuid.uuid4(), uuid.uuid4()
    first = audit_events(person_id=person, authority_id=council)[0]
    second = audit_events(person_id=person, authority_id=council, action=Action.UPDATE)[0]
    audit_events(person_id=other_person, authority_id=council)
    audit_events(person_id=person, authority_id=other_council)

    events = list(events_for_person(person_id=person, authority_id=council))

    assert [e.seq for e in events] == [second.seq, first.seq]


def test_events_for_person_filters_by_action():
    person, council = uuid.uuid4(), uuid.uuid4()
    audit_events(person_id=person, authority_id=council, action=Action.VIEW)
    changed = audit_events(person_id=person, authority_id=council, action=Action.UPDATE)[0]

    events = events_for_person(person_id=person, authority_id=council, action=Action.UPDATE)

    assert list(events) == [changed]


def test_events_for_person_date_range_since_inclusive_until_exclusive():
    person, council = uuid.uuid4(), uuid.uuid4()
    start = timezone.now().replace(microsecond=0)
    made = []
    for day in range(3):
        with time_machine.travel(start + timedelta(days=day), tick=False):
            made += audit_events(person_id=person, authority_id=council)

    events = events_for_person(
        person_id=person,
        authority_id=council,
        since=start + timedelta(days=1),
        until=start + timedelta(days=2),
    )

    assert list(events) == [made[1]]


def test_events_for_person_accepts_string_ids():
    person, council = uuid.uuid4(), uuid.uuid4()
    event = audit_events(person_id=person, authority_id=council)[0]

    assert list(events_for_person(person_id=str(person), authority_id=str(council))) == [event]
