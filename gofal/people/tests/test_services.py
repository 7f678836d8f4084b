import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from gofal.audit.models import Action, AuditEvent
from gofal.authorities.models import Notification, Role
from gofal.authorities.records import EditConflict
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.people import selectors, services
from gofal.people.models import (
    AccessReason,
    Address,
    ContactDetail,
    Person,
    PersonAccess,
    PersonSearchName,
    Relationship,
    RelationshipKind,
)
from gofal.people.tests.factories import (
    AddressFactory,
    AdultFactory,
    ChildFactory,
    PersonFactory,
    acting_staff,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


@pytest.fixture
def worker():
    return acting_staff(Role.SOCIAL_WORKER)


@pytest.fixture
def authority(worker):
    return worker.acting.authority


def create(authority, worker, **details):
    base = {"given_name": "Cerys", "family_name": "Jones", "date_of_birth": date(2015, 4, 1)}
    return services.person_create(
        authority=authority, created_by=worker, details={**base, **details}, as_of=TODAY
    )


class TestPersonCreate:
    def test_creates_indexes_and_audits(self, authority, worker):
        person = create(authority, worker, nhs_number="943 476 5919", upn="h801200001001")
        assert person.nhs_number == "9434765919"
        assert person.upn == "H801200001001"
        assert PersonSearchName.objects.filter(person=person, full_name="cerys jones").exists()
        assert AuditEvent.objects.filter(action=Action.CREATE, person_id=person.pk).exists()

    def test_same_token_creates_one_person(self, authority, worker):
        token = uuid.uuid4()
        details = {"given_name": "Cerys", "family_name": "Jones"}
        first = services.person_create(
            authority=authority,
            created_by=worker,
            details=details,
            as_of=TODAY,
            submission_token=token,
        )
        second = services.person_create(
            authority=authority,
            created_by=worker,
            details=details,
            as_of=TODAY,
            submission_token=token,
        )
        assert first == second
        assert Person.objects.filter(authority=authority).count() == 1

    def test_unborn_child_has_expected_date_instead(self, authority, worker):
        unborn = create(
            authority,
            worker,
            given_name="",
            family_name="",
            date_of_birth=None,
            expected_on=date(2027, 2, 1),
        )
        assert unborn.is_unborn
        assert unborn.full_name == "Unborn child"

    @pytest.mark.parametrize(
        ("details", "field"),
        [
            ({"nhs_number": "9434765918"}, "nhs_number"),
            ({"upn": "A801200001001"}, "upn"),
            ({"date_of_birth": date(2030, 1, 1)}, "date_of_birth"),
            ({"expected_on": date(2027, 1, 1)}, "expected_on"),
            ({"given_name": "", "family_name": ""}, "family_name"),
            ({"preferred_language": "other"}, "preferred_language_other"),
            ({"disability": "yes"}, "disability_description"),
        ],
    )
    def test_refuses_bad_details_with_field_reasons(self, authority, worker, details, field):
        with pytest.raises(ValidationError) as caught:
            create(authority, worker, **details)
        assert field in caught.value.error_dict

    def test_nhs_number_unique_within_council_only(self, authority, worker):
        create(authority, worker, nhs_number="9434765919")
        with pytest.raises(ValidationError) as caught:
            create(authority, worker, given_name="Other", nhs_number="9434765919")
        assert "nhs_number" in caught.value.error_dict
        other = AuthorityFactory()
        services.person_create(
            authority=other,
            created_by=worker,
            details={"family_name": "X", "nhs_number": "9434765919"},
            as_of=TODAY,
        )


class TestPersonUpdate:
    def test_records_before_and_after(self, authority, worker):
        person = create(authority, worker)
        diff = services.person_update(
            person=person,
            expected_version=1,
            changes={"family_name": "Pugh", "religion": "Chapel"},
            updated_by=worker,
            as_of=TODAY,
        )
        assert diff["family_name"] == ["Jones", "Pugh"]
        event = AuditEvent.objects.filter(action=Action.UPDATE, person_id=person.pk).get()
        assert event.detail["changes"]["family_name"] == ["Jones", "Pugh"]
        assert PersonSearchName.objects.get(person=person).full_name == "cerys pugh"

    def test_conflicting_edit_is_refused(self, authority, worker):
        person = create(authority, worker)
        stale = Person.objects.get(pk=person.pk)
        services.person_update(
            person=person,
            expected_version=1,
            changes={"family_name": "Pugh"},
            updated_by=worker,
            as_of=TODAY,
        )
        with pytest.raises(EditConflict) as caught:
            services.person_update(
                person=stale,
                expected_version=1,
                changes={"family_name": "Price"},
                updated_by=worker,
                as_of=TODAY,
            )
        assert caught.value.current.family_name == "Pugh"
        assert caught.value.submitted["family_name"] == "Price"


class TestRelationships:
    def test_created_as_reciprocal_pair_with_pr_per_direction(self, authority, worker):
        child = ChildFactory(authority=authority)
        mother = AdultFactory(authority=authority)
        services.relationship_create(
            person=child,
            related=mother,
            kind=RelationshipKind.PARENT,
            related_has_parental_responsibility=True,
            person_has_parental_responsibility=False,
            started_on=None,
            recorded_by=worker,
            as_of=TODAY,
        )
        forward = Relationship.objects.get(person=child)
        backward = Relationship.objects.get(person=mother)
        assert (forward.related, forward.kind, forward.parental_responsibility) == (
            mother,
            RelationshipKind.PARENT,
            True,
        )
        assert (backward.related, backward.kind, backward.parental_responsibility) == (
            child,
            RelationshipKind.CHILD,
            False,
        )
        assert forward.pair_id == backward.pair_id

    @pytest.mark.parametrize(
        ("kind", "reciprocal"),
        [
            ("step_parent", "step_child"),
            ("grandchild", "grandparent"),
            ("sibling", "sibling"),
            ("half_sibling", "half_sibling"),
            ("aunt_or_uncle", "niece_or_nephew"),
            ("partner", "partner"),
            ("foster_carer", "foster_child"),
            ("friend_or_neighbour", "friend_or_neighbour"),
            ("other", "other"),
        ],
    )
    def test_reciprocal_types(self, authority, worker, kind, reciprocal):
        a, b = PersonFactory(authority=authority), PersonFactory(authority=authority)
        services.relationship_create(
            person=a,
            related=b,
            kind=kind,
            related_has_parental_responsibility=False,
            person_has_parental_responsibility=False,
            started_on=None,
            recorded_by=worker,
            as_of=TODAY,
        )
        assert Relationship.objects.get(person=b).kind == reciprocal

    def test_ending_one_direction_ends_both(self, authority, worker):
        a, b = PersonFactory(authority=authority), PersonFactory(authority=authority)
        row = services.relationship_create(
            person=a,
            related=b,
            kind="partner",
            related_has_parental_responsibility=False,
            person_has_parental_responsibility=False,
            started_on=date(2020, 1, 1),
            recorded_by=worker,
            as_of=TODAY,
        )
        services.relationship_end(relationship=row, ended_on=TODAY, ended_by=worker, as_of=TODAY)
        assert set(Relationship.objects.values_list("ended_on", flat=True)) == {TODAY}

    def test_refuses_self_and_other_council(self, authority, worker):
        a = PersonFactory(authority=authority)
        stranger = PersonFactory(authority=AuthorityFactory())
        for related in (a, stranger):
            with pytest.raises(ValidationError):
                services.relationship_create(
                    person=a,
                    related=related,
                    kind="other",
                    related_has_parental_responsibility=False,
                    person_has_parental_responsibility=False,
                    started_on=None,
                    recorded_by=worker,
                    as_of=TODAY,
                )


class TestAddressesAndContacts:
    def test_new_address_ends_the_current_one(self, authority, worker):
        person = PersonFactory(authority=authority)
        old = AddressFactory(person=person, started_on=date(2020, 1, 1))
        new = services.address_add(
            person=person,
            line_1="1 Ffordd Newydd",
            line_2="",
            town="Bala",
            county="",
            postcode="ll23 7aa",
            started_on=date(2026, 5, 1),
            recorded_by=worker,
            as_of=TODAY,
        )
        old.refresh_from_db()
        assert old.ended_on == date(2026, 5, 1)
        assert new.postcode == "LL23 7AA"
        current = selectors.addresses_current(Address.objects.filter(person=person), as_of=TODAY)
        assert list(current) == [new]

    def test_one_preferred_contact(self, authority, worker):
        person = PersonFactory(authority=authority)
        kwargs = dict(
            person=person,
            channel="phone",
            kind="mobile",
            preferred=True,
            started_on=date(2026, 1, 1),
            recorded_by=worker,
            as_of=TODAY,
        )
        first = services.contact_detail_add(value="07700 900001", **kwargs)
        second = services.contact_detail_add(value="07700 900002", **kwargs)
        first.refresh_from_db()
        assert not first.preferred
        assert second.preferred
        assert ContactDetail.objects.filter(person=person, preferred=True).count() == 1

    def test_end_date_before_start_refused(self, authority, worker):
        address = AddressFactory(person=PersonFactory(authority=authority))
        with pytest.raises(ValidationError):
            services.address_end(
                address=address, ended_on=date(2019, 1, 1), ended_by=worker, as_of=TODAY
            )


class TestAccess:
    def test_grant_and_revoke(self, authority, worker):
        hidden = ChildFactory(authority=authority, restricted=True)
        manager = staff(Role.TEAM_MANAGER)
        assert hidden not in selectors.persons_visible_to(worker)
        services.person_access_grant(
            person=hidden, user=worker, granted_by=manager, reason="Allocated", as_of=NOW
        )
        again = services.person_access_grant(
            person=hidden, user=worker, granted_by=manager, reason="Allocated", as_of=NOW
        )
        assert PersonAccess.objects.filter(person=hidden, user=worker).count() == 1
        assert again.user == worker
        assert hidden in selectors.persons_visible_to(worker)
        ended = services.person_access_revoke(
            person=hidden,
            user=worker,
            revoked_by=manager,
            reason="Case closed",
            as_of=datetime.now(tz=UTC),
        )
        assert ended == 1
        assert hidden not in selectors.persons_visible_to(worker)

    def test_privacy_officer_sees_restricted(self, authority):
        hidden = ChildFactory(authority=authority, restricted=True)
        officer = acting_staff(Role.PRIVACY_OFFICER, team=TeamFactory(authority=authority))
        assert hidden in selectors.persons_visible_to(officer)


class TestBreakGlass:
    def test_grants_for_hours_audits_and_tells_privacy_officers(self, authority, worker):
        hidden = ChildFactory(authority=authority, restricted=True)
        officers = [
            staff(Role.PRIVACY_OFFICER, team=TeamFactory(authority=authority)) for _ in range(2)
        ]
        staff(Role.PRIVACY_OFFICER)  # another council's officer is not told
        now = datetime.now(tz=UTC)
        grant = services.person_break_glass(
            user=worker, identifier=hidden.nhs_number, reason="Child at hospital now", as_of=now
        )
        assert grant.kind == AccessReason.BREAK_GLASS
        assert grant.ends_at - grant.starts_at == timedelta(hours=services.BREAK_GLASS_HOURS)
        assert hidden in selectors.persons_visible_to(worker)
        event = AuditEvent.objects.get(action=Action.BREAK_GLASS, person_id=hidden.pk)
        assert event.detail["reason"] == "Child at hospital now"
        told = Notification.objects.filter(kind="break_glass")
        assert {n.recipient for n in told} == set(officers)
        assert all(n.link == f"/people/{hidden.pk}/" for n in told)
        with pytest.raises(ValidationError):  # already open to this worker: nothing to break
            services.person_break_glass(
                user=worker, identifier=hidden.nhs_number, reason="Again", as_of=now
            )
        assert Notification.objects.filter(kind="break_glass").count() == 2

    def test_needs_a_reason(self, authority, worker):
        hidden = ChildFactory(authority=authority, restricted=True)
        with pytest.raises(ValidationError):
            services.person_break_glass(
                user=worker, identifier=hidden.nhs_number, reason=" ", as_of=NOW
            )

    def test_only_by_exact_identifier_of_a_restricted_record(self, authority, worker):
        open_record = ChildFactory(authority=authority)
        elsewhere = ChildFactory(authority=AuthorityFactory(), restricted=True)
        for identifier in (open_record.nhs_number, elsewhere.nhs_number, "Cerys Jones"):
            with pytest.raises(ValidationError):
                services.person_break_glass(
                    user=worker, identifier=identifier, reason="Urgent", as_of=NOW
                )

    def test_not_for_business_support_or_partners(self, authority):
        hidden = ChildFactory(authority=authority, restricted=True)
        for role in (Role.BUSINESS_SUPPORT, Role.PARTNER_AGENCY):
            user = acting_staff(role, team=TeamFactory(authority=authority))
            with pytest.raises(ValidationError):
                services.person_break_glass(
                    user=user, identifier=hidden.nhs_number, reason="Urgent", as_of=NOW
                )


class TestDuplicates:
    def test_close_name_and_same_date_of_birth(self, authority, worker):
        existing = PersonFactory(
            authority=authority,
            given_name="Mohammed",
            family_name="Khan",
            date_of_birth=date(2014, 2, 2),
        )
        PersonFactory(
            authority=authority,
            given_name="Mohammed",
            family_name="Khan",
            date_of_birth=date(2001, 1, 1),
        )
        found = selectors.persons_likely_duplicates(
            user=worker, given_name="Muhammad", family_name="Kahn", date_of_birth=date(2014, 2, 2)
        )
        assert found == [existing]

    def test_same_identifier_whatever_the_name(self, authority, worker):
        existing = ChildFactory(authority=authority)
        found = selectors.persons_likely_duplicates(
            user=worker,
            given_name="Someone",
            family_name="Else",
            date_of_birth=None,
            nhs_number=existing.nhs_number,
        )
        assert found == [existing]

    def test_other_councils_never(self, authority, worker):
        PersonFactory(authority=AuthorityFactory(), given_name="Mohammed", family_name="Khan")
        assert (
            selectors.persons_likely_duplicates(
                user=worker, given_name="Mohammed", family_name="Khan", date_of_birth=None
            )
            == []
        )
