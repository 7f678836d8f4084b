import re
import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from gofal.audit.models import Action, AuditEvent
from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory, TeamFactory, staff
from gofal.people.models import Person, PersonAccess, Relationship
from gofal.people.tests.factories import (
    AddressFactory,
    AdultFactory,
    ChildFactory,
    ContactDetailFactory,
    PersonFactory,
    PersonNameFactory,
    WarningFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return TeamFactory()


@pytest.fixture
def worker(team):
    return staff(Role.SOCIAL_WORKER, team=team)


@pytest.fixture
def signed_in(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture
def child(team):
    return ChildFactory(authority=team.authority, given_name="Cerys", family_name="Jones")


def detail(person):
    return reverse("people:person_detail", args=[person.pk])


class TestSearchPage:
    def test_finds_misspelt_name_and_audits_each_hit(self, signed_in, child, worker):
        response = signed_in.get(reverse("people:person_search"), {"q": "Ceris Jones"})
        assert response.status_code == 200
        assert detail(child).encode() in response.content
        assert AuditEvent.objects.filter(
            action=Action.SEARCH, person_id=child.pk, actor_id=worker.pk
        ).exists()

    def test_nhs_number_shown_in_groups_of_three_three_four(self, signed_in, child):
        child.nhs_number = "9434765919"
        child.save(update_fields=["nhs_number"])
        response = signed_in.get(reverse("people:person_search"), {"q": "9434765919"})
        assert "943 476 5919" in response.content.decode()

    def test_empty_search_gets_error(self, signed_in):
        response = signed_in.get(reverse("people:person_search"), {"q": ""})
        assert b"govuk-error-summary" in response.content

    def test_restricted_record_offers_break_glass_on_exact_identifier(self, signed_in, team):
        hidden = ChildFactory(authority=team.authority, restricted=True)
        response = signed_in.get(reverse("people:person_search"), {"q": hidden.nhs_number})
        assert reverse("people:break_glass").encode() in response.content
        assert detail(hidden).encode() not in response.content

    def test_pages_through_every_match_and_audits_only_those_shown(self, signed_in, team, worker):
        people = {
            PersonFactory(authority=team.authority, given_name="Mohammed", family_name="Khan").pk
            for _ in range(23)
        }
        url = reverse("people:person_search")
        first = signed_in.get(url, {"q": "Muhammad Kahn"}).content.decode()
        assert "23 people found" in first
        assert "Showing 1 to 20 of 23" in first
        assert len(re.findall(r'href="/people/[0-9a-f-]{36}/"', first)) == 20
        assert "page=2#results" in first
        searched = AuditEvent.objects.filter(action=Action.SEARCH, actor_id=worker.pk)
        assert searched.count() == 20
        second = signed_in.get(url, {"q": "Muhammad Kahn", "page": "2"}).content.decode()
        assert "Showing 21 to 23 of 23" in second
        assert searched.count() == 23
        assert {e.person_id for e in searched} == people  # every match reached, each once

    def test_a_page_past_the_last_shows_the_last(self, signed_in, team):
        for _ in range(21):
            PersonFactory(authority=team.authority, given_name="Mohammed", family_name="Khan")
        response = signed_in.get(reverse("people:person_search"), {"q": "Khan", "page": "9"})
        content = response.content.decode()
        assert "Showing 21 to 21 of 21" in content, re.sub(r"\s+", " ", content)[-3000:]
        other = signed_in.get(reverse("people:person_search"), {"q": "Khan", "page": "x"})
        assert "Showing 1 to 20 of 21" in other.content.decode()

    def test_welsh_count_and_paging(self, signed_in, team):
        for _ in range(21):
            PersonFactory(authority=team.authority, given_name="Mohammed", family_name="Khan")
        signed_in.cookies["gofal_language"] = "cy"
        content = signed_in.get(reverse("people:person_search"), {"q": "Khan"}).content.decode()
        assert "Yn dangos 1 i 20 o 21" in content


class TestDetailPage:
    def test_shows_record_and_audits_view(self, signed_in, child, worker):
        WarningFactory(person=child, description="Large dog; visit in pairs")
        AddressFactory(person=child, line_1="3 Stryd Fawr")
        PersonNameFactory(person=child, family_name="Pritchard")
        response = signed_in.get(detail(child))
        assert response.status_code == 200
        content = response.content.decode()
        assert "Large dog; visit in pairs" in content
        assert "govuk-warning-text" in content
        assert "3 Stryd Fawr" in content
        assert "Pritchard" in content
        assert "moj-identity-bar" in content
        assert "moj-sub-navigation" in content
        assert AuditEvent.objects.filter(
            action=Action.VIEW, person_id=child.pk, actor_id=worker.pk
        ).exists()

    def test_other_council_is_404(self, signed_in):
        other = ChildFactory(authority=AuthorityFactory())
        assert signed_in.get(detail(other)).status_code == 404
        assert (
            signed_in.get(reverse("people:person_detail", args=[uuid.uuid4()])).status_code == 404
        )

    def test_restricted_is_404_like_missing_until_granted(self, signed_in, team, worker):
        hidden = ChildFactory(authority=team.authority, restricted=True)
        assert signed_in.get(detail(hidden)).status_code == 404
        from django.utils import timezone

        from gofal.people.services import person_access_grant

        person_access_grant(
            person=hidden, user=worker, granted_by=worker, reason="Allocated", as_of=timezone.now()
        )
        assert signed_in.get(detail(hidden)).status_code == 200


PAGES = {
    "search": lambda p: reverse("people:person_search"),
    "create": lambda p: reverse("people:person_create"),
    "detail": lambda p: reverse("people:person_detail", args=[p.pk]),
    "edit": lambda p: reverse("people:person_edit", args=[p.pk]),
    "name_add": lambda p: reverse("people:name_add", args=[p.pk]),
    "address_add": lambda p: reverse("people:address_add", args=[p.pk]),
    "contact_add": lambda p: reverse("people:contact_add", args=[p.pk]),
    "warning_add": lambda p: reverse("people:warning_add", args=[p.pk]),
    "relationship_add": lambda p: reverse("people:relationship_add", args=[p.pk]),
}
READ = {"search", "detail"}
WRITE = READ | {"create", "edit", "name_add", "address_add", "contact_add", "relationship_add"}
ALL = WRITE | {"warning_add"}
ALLOWED = {
    Role.SOCIAL_WORKER: ALL,
    Role.SENIOR_PRACTITIONER: ALL,
    Role.TEAM_MANAGER: ALL,
    Role.REVIEWING_OFFICER: ALL,
    Role.PERSONAL_ADVISER: ALL,
    Role.PLACEMENTS_OFFICER: ALL,
    Role.QA_OFFICER: ALL,
    Role.HEAD_OF_SERVICE: ALL,
    Role.DIRECTOR: ALL,
    Role.BUSINESS_SUPPORT: WRITE,
    Role.PRIVACY_OFFICER: READ,
    Role.PARTNER_AGENCY: set(),
    Role.SYSTEM_ADMINISTRATOR: set(),
}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("role", list(Role))
def test_role_by_page_matrix(client, team, role, page):
    person = ChildFactory(authority=team.authority)
    client.force_login(staff(role, team=team))
    response = client.get(PAGES[page](person))
    expected = 200 if page in ALLOWED[role] else 403
    assert response.status_code == expected


class TestCreatePage:
    def form_data(self, **overrides):
        data = {
            "given_name": "Iolo",
            "family_name": "Morgan",
            "date_of_birth_day": "3",
            "date_of_birth_month": "4",
            "date_of_birth_year": "2016",
            "sex": "male",
            "disability": "not_known",
            "preferred_language": "cy",
            "nhs_number": "",
            "upn": "",
            "submission_token": str(uuid.uuid4()),
        }
        data.update(overrides)
        return data

    def test_creates_and_redirects(self, signed_in, team):
        response = signed_in.post(reverse("people:person_create"), self.form_data())
        person = Person.objects.get(family_name="Morgan")
        assert response.status_code == 302
        assert response["Location"] == detail(person)
        assert person.preferred_language == "cy"

    def test_recorded_from_a_contact_returns_there_with_the_new_person(self, signed_in):
        back = "/front-door/contacts/new/?adult=abc"
        url = reverse("people:person_create") + "?" + urlencode({"next": back, "add_as": "child"})
        form = signed_in.get(url).content.decode()
        assert 'name="next" value="/front-door/contacts/new/?adult=abc"' in form
        data = self.form_data(next=back, add_as="child")
        response = signed_in.post(reverse("people:person_create"), data)
        person = Person.objects.get(family_name="Morgan")
        assert response["Location"] == f"{back}&child={person.pk}"
        again = signed_in.post(reverse("people:person_create"), data)  # a double submission
        assert again["Location"] == f"{back}&child={person.pk}"

    @pytest.mark.parametrize(
        ("back", "role"),
        [("https://example.com/x", "child"), ("//example.com/x", "adult"), ("/x", "parent")],
    )
    def test_returns_only_to_a_local_page_in_a_known_role(self, signed_in, back, role):
        data = self.form_data(next=back, add_as=role)
        response = signed_in.post(reverse("people:person_create"), data)
        assert response["Location"] == detail(Person.objects.get(family_name="Morgan"))

    def test_double_submission_creates_one(self, signed_in):
        data = self.form_data()
        signed_in.post(reverse("people:person_create"), data)
        second = signed_in.post(reverse("people:person_create"), data)
        assert Person.objects.filter(family_name="Morgan").count() == 1
        assert second.status_code == 302

    def test_shows_likely_duplicates_first(self, signed_in, team):
        existing = PersonFactory(
            authority=team.authority,
            given_name="Iolo",
            family_name="Morgan",
            date_of_birth=date(2016, 4, 3),
        )
        data = self.form_data(family_name="Morgans")
        response = signed_in.post(reverse("people:person_create"), data)
        assert response.status_code == 200
        assert detail(existing).encode() in response.content
        assert b'value="Morgans"' in response.content  # what was typed is kept
        assert Person.objects.filter(authority=team.authority).count() == 1
        confirmed = signed_in.post(reverse("people:person_create"), {**data, "confirm_new": "1"})
        assert confirmed.status_code == 302
        assert Person.objects.filter(authority=team.authority).count() == 2

    def test_invalid_nhs_number_keeps_what_was_typed(self, signed_in):
        response = signed_in.post(
            reverse("people:person_create"), self.form_data(nhs_number="943 476 5918")
        )
        content = response.content.decode()
        assert "govuk-error-summary" in content
        assert "check digit" in content
        assert 'value="943 476 5918"' in content
        assert 'value="Iolo"' in content
        assert not Person.objects.filter(family_name="Morgan").exists()

    def test_invalid_upn_refused_with_reason(self, signed_in):
        response = signed_in.post(
            reverse("people:person_create"), self.form_data(upn="A801200001001")
        )
        assert "check letter" in response.content.decode()


class TestEditPage:
    def edit_data(self, person, **overrides):
        data = {
            "version": str(person.version),
            "given_name": person.given_name,
            "family_name": person.family_name,
            "date_of_birth_day": str(person.date_of_birth.day),
            "date_of_birth_month": str(person.date_of_birth.month),
            "date_of_birth_year": str(person.date_of_birth.year),
            "sex": person.sex,
            "disability": person.disability,
            "preferred_language": person.preferred_language,
            "nhs_number": person.nhs_number,
        }
        data.update(overrides)
        return data

    def test_saves_and_audits_change(self, signed_in, child):
        response = signed_in.post(
            reverse("people:person_edit", args=[child.pk]),
            self.edit_data(child, family_name="Hughes"),
        )
        assert response.status_code == 302
        child.refresh_from_db()
        assert child.family_name == "Hughes"
        event = AuditEvent.objects.get(action=Action.UPDATE, person_id=child.pk)
        assert event.detail["changes"]["family_name"] == ["Jones", "Hughes"]

    def test_conflict_shows_both_versions_and_keeps_typing(self, signed_in, child, worker):
        stale = self.edit_data(child, family_name="Typed-by-me")
        from gofal.people.services import person_update

        person_update(
            person=child,
            expected_version=child.version,
            changes={"family_name": "Saved-first"},
            updated_by=worker,
            as_of=date.today(),
        )
        response = signed_in.post(reverse("people:person_edit", args=[child.pk]), stale)
        content = response.content.decode()
        assert response.status_code == 200
        assert "edit-conflict" in content
        assert "Saved-first" in content
        assert 'value="Typed-by-me"' in content
        child.refresh_from_db()
        assert child.family_name == "Saved-first"

    def test_other_council_edit_is_404(self, signed_in):
        other = ChildFactory(authority=AuthorityFactory())
        assert signed_in.get(reverse("people:person_edit", args=[other.pk])).status_code == 404
        assert signed_in.post(reverse("people:person_edit", args=[other.pk]), {}).status_code == 404


class TestPersonTabs:
    def test_each_person_has_their_own_tab_addresses_and_the_current_one_marked(
        self, signed_in, child, team
    ):
        other = ChildFactory(authority=team.authority)
        for person in (child, other):
            page = signed_in.get(detail(person)).content.decode()
            tabs = page.split('aria-label="Sections of this record"')[1].split("</nav>")[0]
            hrefs = re.findall(r'href="([^"]+)"', tabs)
            assert detail(person) in hrefs
            assert all(str(person.pk) in href for href in hrefs)
            assert "00000000-0000" not in tabs
            current = re.search(r'href="([^"]+)"[^>]*aria-current="page"', tabs)
            assert current is not None
            assert current.group(1) == detail(person)


class TestRecordPages:
    def test_add_warning_shows_on_summary(self, signed_in, child):
        url = reverse("people:warning_add", args=[child.pk])
        response = signed_in.post(
            url,
            {
                "kind": "risk_to_staff",
                "description": "Aggressive dog",
                "started_on_day": "1",
                "started_on_month": "1",
                "started_on_year": "2025",
                "submission_token": str(uuid.uuid4()),
            },
        )
        assert response.status_code == 302
        page = signed_in.get(detail(child)).content.decode()
        assert "Aggressive dog" in page
        assert "Risk to visiting staff" in page

    def test_the_summary_badges_count_only_current_warnings(self, signed_in, child):
        """The summary hands the warnings it read to the identity bar: an ended or future one
        is not counted, and the staff badge follows the current kinds only."""
        WarningFactory(person=child, kind="other", description="Nan's dog")
        WarningFactory(person=child, kind="other", description="Smokes indoors")
        WarningFactory(person=child, ended_on=date(2024, 6, 1))
        WarningFactory(person=child, started_on=date(2099, 1, 1))
        page = signed_in.get(detail(child)).content.decode()
        badges = page.split('class="gofal-badges">')[1].split("</span>")[0]
        assert 'moj-badge--orange">2 warnings<' in badges
        assert "Risk to visiting staff" not in badges

    def test_missing_fields_get_errors_and_keep_typing(self, signed_in, child):
        response = signed_in.post(
            reverse("people:address_add", args=[child.pk]),
            {"line_1": "", "town": "Bangor", "submission_token": str(uuid.uuid4())},
        )
        content = response.content.decode()
        assert "Enter address line 1" in content
        assert 'value="Bangor"' in content

    def test_add_relationship_in_two_steps(self, signed_in, child, team):
        mother = AdultFactory(authority=team.authority, given_name="Bethan", family_name="Jones")
        url = reverse("people:relationship_add", args=[child.pk])
        found = signed_in.get(url, {"q": "Bethan Jones"})
        assert f"?related={mother.pk}".encode() in found.content
        response = signed_in.post(
            url,
            {
                "related": str(mother.pk),
                "kind": "parent",
                "related_has_parental_responsibility": "on",
                "submission_token": str(uuid.uuid4()),
            },
        )
        assert response.status_code == 302
        page = signed_in.get(detail(child)).content.decode()
        assert detail(mother) in page

    def test_cannot_relate_to_hidden_person(self, signed_in, child):
        other = AdultFactory(authority=AuthorityFactory())
        response = signed_in.get(
            reverse("people:relationship_add", args=[child.pk]), {"related": str(other.pk)}
        )
        assert response.status_code == 404

    def test_end_address(self, signed_in, child):
        address = AddressFactory(person=child, started_on=date(2020, 1, 1))
        url = reverse("people:address_end", args=[child.pk, address.pk])
        response = signed_in.post(
            url, {"ended_on_day": "1", "ended_on_month": "2", "ended_on_year": "2024"}
        )
        assert response.status_code == 302
        address.refresh_from_db()
        assert address.ended_on == date(2024, 2, 1)

    def test_other_persons_row_is_404(self, signed_in, child, team):
        other = AddressFactory(person=PersonFactory(authority=team.authority))
        url = reverse("people:address_end", args=[child.pk, other.pk])
        assert signed_in.get(url).status_code == 404


class TestBreakGlassPage:
    def test_opens_with_reason(self, signed_in, team, worker):
        hidden = ChildFactory(authority=team.authority, restricted=True)
        url = reverse("people:break_glass")
        assert signed_in.get(url, {"identifier": hidden.nhs_number}).status_code == 200
        empty = signed_in.post(url, {"identifier": hidden.nhs_number, "reason": ""})
        assert b"govuk-error-summary" in empty.content
        response = signed_in.post(url, {"identifier": hidden.nhs_number, "reason": "Urgent"})
        assert response.status_code == 302
        assert signed_in.get(detail(hidden)).status_code == 200

    def test_unknown_identifier_is_404(self, signed_in, team):
        visible = ChildFactory(authority=team.authority)
        url = reverse("people:break_glass")
        assert signed_in.get(url, {"identifier": visible.nhs_number}).status_code == 404
        assert signed_in.get(url, {"identifier": "9434765919"}).status_code == 404


# Queries per page, pinned. Summary: session, user, memberships, person, relationships, names,
# addresses, contacts, warnings, audit (2), identity-bar warnings, permissions (2),
# notifications (the session is written at most once a minute, not on these requests);
# PostgreSQL adds the council setting and audit lock.
# Each registered badge provider may add one query to the summary.
SUMMARY_QUERIES = {"sqlite": 12, "postgresql": 20}
SEARCH_QUERIES = {"sqlite": 9, "postgresql": 17}


class TestRelationshipsShownOnlyIfVisible:
    def test_a_restricted_relative_is_left_out_until_access_is_granted(
        self, signed_in, child, worker, team
    ):
        shown = AdultFactory(authority=team.authority, given_name="Siân", family_name="Open")
        hidden = AdultFactory(
            authority=team.authority, given_name="Gwen", family_name="Hidden", restricted=True
        )
        for relative in (shown, hidden):
            Relationship.objects.create(
                authority=team.authority,
                person=child,
                related=relative,
                kind="parent",
                pair_id=uuid.uuid4(),
            )
        page = signed_in.get(detail(child)).content.decode()
        assert "Open" in page
        assert "Hidden" not in page
        PersonAccess.objects.create(
            authority=team.authority,
            person=hidden,
            user=worker,
            granted_by=worker,
            reason="Allocated",
            starts_at=timezone.now() - timedelta(days=1),
        )
        assert "Hidden" in signed_in.get(detail(child)).content.decode()

    def test_a_restricted_person_answers_404_without_access(self, signed_in, team):
        hidden = ChildFactory(authority=team.authority, restricted=True)
        assert signed_in.get(detail(hidden)).status_code == 404


class TestQueryCounts:
    def test_summary_page_is_pinned(self, signed_in, child, team, django_assert_num_queries):
        from django.db import connection

        from gofal.people.presenters import badge_providers

        for n in range(4):
            WarningFactory(person=child)
            AddressFactory(person=child, started_on=date(2010 + n, 1, 1))
            ContactDetailFactory(person=child)
            PersonNameFactory(person=child, family_name=f"Name{n}")
            relative = AdultFactory(authority=team.authority)
            Relationship.objects.create(
                authority=team.authority,
                person=child,
                related=relative,
                kind="parent",
                pair_id=uuid.uuid4(),
            )
        signed_in.get(detail(child))
        expected = SUMMARY_QUERIES[connection.vendor] + len(badge_providers())
        with django_assert_num_queries(expected):
            response = signed_in.get(detail(child))
        assert response.status_code == 200

    def test_search_page_is_pinned(self, signed_in, team, django_assert_num_queries):
        from django.db import connection

        url = reverse("people:person_search")
        for _ in range(12):
            person = PersonFactory(
                authority=team.authority, given_name="Mohammed", family_name="Khan"
            )
            AddressFactory(person=person)
        signed_in.get(url, {"q": "Muhammad Kahn"})
        with django_assert_num_queries(SEARCH_QUERIES[connection.vendor]):
            response = signed_in.get(url, {"q": "Muhammad Kahn"})
        assert response.content.count(b"Mohammed Khan") == 12


class TestWelsh:
    def test_summary_page_in_welsh(self, signed_in, child):
        WarningFactory(person=child)
        signed_in.cookies["gofal_language"] = "cy"
        content = signed_in.get(detail(child)).content.decode()
        assert "Rhybuddion" in content
        assert "Risg i staff sy&#x27;n ymweld" in content or "Risg i staff sy'n ymweld" in content
        assert "Iaith ddewisol" in content
        assert "Crynodeb" in content  # the Summary tab

    def test_ethnicity_labels_in_welsh(self, signed_in, child):
        signed_in.cookies["gofal_language"] = "cy"
        content = signed_in.get(reverse("people:person_edit", args=[child.pk])).content.decode()
        assert "Gwyn Prydeinig" in content
