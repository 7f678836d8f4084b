"""Factories for casework records."""

# ChildFactory is re-exported for convenience: the people app owns it.

import datetime as dt

import factory
from django.utils import timezone

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import MembershipFactory, TeamFactory, UserFactory
from gofal.casework.models import (
    Allocation,
    CaseNote,
    CaseNoteKind,
    CaseNoteRevision,
    Involvement,
    InvolvementReason,
    SignificantEvent,
    SignificantEventKind,
)
from gofal.people.tests.factories import ChildFactory


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    team = factory.SubFactory(TeamFactory)
    authority = factory.LazyAttribute(lambda o: o.team.authority)
    child = factory.SubFactory(ChildFactory, authority=factory.SelfAttribute("..authority"))
    started_on = dt.date(2025, 1, 6)
    reason = InvolvementReason.ABUSE_OR_NEGLECT


class AllocationFactory(factory.django.DjangoModelFactory):
    """An open allocation of a social worker of the involvement's team."""

    class Meta:
        model = Allocation
        skip_postgeneration_save = True

    involvement = factory.SubFactory(InvolvementFactory)
    authority = factory.LazyAttribute(lambda o: o.involvement.authority)
    child = factory.LazyAttribute(lambda o: o.involvement.child)
    team = factory.LazyAttribute(lambda o: o.involvement.team)
    worker = factory.SubFactory(UserFactory)
    started_on = factory.LazyAttribute(lambda o: o.involvement.started_on)

    @factory.post_generation
    def membership(obj, create, extracted, **kwargs):  # noqa: N805
        if create and extracted is not False and not obj.worker.memberships.exists():
            MembershipFactory(
                user=obj.worker, team=obj.team, authority=obj.authority, role=Role.SOCIAL_WORKER
            )


class CaseNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseNote
        skip_postgeneration_save = True

    child = factory.SubFactory(ChildFactory)
    authority = factory.LazyAttribute(lambda o: o.child.authority)
    kind = CaseNoteKind.HOME_VISIT
    occurred_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    child_seen = True
    seen_alone = False
    narrative = "Visited at home. Mum and child present."
    author = factory.SubFactory(UserFactory)

    @factory.post_generation
    def first_revision(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            CaseNoteRevision.objects.create(
                authority=obj.authority,
                note=obj,
                number=1,
                kind=obj.kind,
                occurred_at=obj.occurred_at,
                child_seen=obj.child_seen,
                seen_alone=obj.seen_alone,
                narrative=obj.narrative,
                saved_by=obj.author,
                saved_at=obj.created_at,
            )


class SignificantEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SignificantEvent

    child = factory.SubFactory(ChildFactory)
    authority = factory.LazyAttribute(lambda o: o.child.authority)
    occurred_on = dt.date(2025, 3, 3)
    kind = SignificantEventKind.HOUSE_MOVE
    summary = "Family moved to a two-bedroom flat."
    recorded_by = factory.SubFactory(UserFactory)
