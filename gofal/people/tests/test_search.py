from datetime import date

import pytest

from gofal.authorities.models import Role
from gofal.authorities.tests.factories import AuthorityFactory
from gofal.people import search, selectors, services
from gofal.people.tests.factories import (
    AdultFactory,
    ChildFactory,
    PersonFactory,
    PersonNameFactory,
    acting_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker():
    return acting_staff(Role.SOCIAL_WORKER)


def names(result):
    return [f"{p.given_name} {p.family_name}" for p in result.people]


class TestFold:
    @pytest.mark.parametrize(
        ("typed", "folded"),
        [
            ("Siân", "sian"),
            ("O'Brien", "obrien"),
            ("  JONES-davies ", "jones davies"),
            ("Ŵyn", "wyn"),
        ],
    )
    def test_folds_accents_case_and_punctuation(self, typed, folded):
        assert search.fold(typed) == folded

    @pytest.mark.parametrize(
        ("a", "b"),
        [("Mohammed", "Muhammad"), ("Khan", "Kahn"), ("Siân", "Sian"), ("Smith", "Smyth")],
    )
    def test_variants_sound_alike(self, a, b):
        assert search.sound_key(a) == search.sound_key(b)

    def test_different_names_sound_different(self):
        assert search.sound_key("Jones") != search.sound_key("Evans")


class TestPersonsSearch:
    @pytest.mark.parametrize(
        ("recorded", "typed"),
        [
            (("Mohammed", "Khan"), "Muhammad Kahn"),
            (("Muhammad", "Kahn"), "mohammed khan"),
            (("Siân", "Pritchard"), "Sian Pritchard"),
            (("Sian", "Pritchard"), "Siân Pritchard"),
            (("Mohammed", "Khan"), "Kahn"),
        ],
    )
    def test_finds_spelling_variants(self, worker, recorded, typed):
        given, family = recorded
        person = PersonFactory(
            authority=worker.acting.authority, given_name=given, family_name=family
        )
        PersonFactory(authority=worker.acting.authority, given_name="Gareth", family_name="Evans")
        result = selectors.persons_search(user=worker, text=typed)
        assert result.people == [person]

    def test_exact_match_ranks_first(self, worker):
        authority = worker.acting.authority
        close = PersonFactory(authority=authority, given_name="Muhammad", family_name="Khan")
        exact = PersonFactory(authority=authority, given_name="Mohammed", family_name="Khan")
        result = selectors.persons_search(user=worker, text="Mohammed Khan")
        assert result.people[:2] == [exact, close]
        assert result.hits[0].exact

    def test_finds_other_names(self, worker):
        person = PersonFactory(
            authority=worker.acting.authority, given_name="Cerys", family_name="Jones"
        )
        PersonNameFactory(person=person, given_name="Cerys", family_name="Llewellyn")
        result = selectors.persons_search(user=worker, text="Cerys Llewelyn")
        assert result.people == [person]
        assert result.hits[0].matched_name == "cerys llewellyn"

    def test_by_date_of_birth_alone_and_with_name(self, worker):
        authority = worker.acting.authority
        a = PersonFactory(authority=authority, family_name="Evans", date_of_birth=date(2012, 3, 4))
        PersonFactory(authority=authority, family_name="Evans", date_of_birth=date(2013, 3, 4))
        assert selectors.persons_search(user=worker, date_of_birth=date(2012, 3, 4)).people == [a]
        result = selectors.persons_search(user=worker, text="Evans", date_of_birth=date(2012, 3, 4))
        assert result.people == [a]

    def test_by_identifier(self, worker):
        child = ChildFactory(authority=worker.acting.authority)
        nhs = f"{child.nhs_number[:3]} {child.nhs_number[3:6]} {child.nhs_number[6:]}"
        assert selectors.persons_search(user=worker, text=nhs).people == [child]
        assert selectors.persons_search(user=worker, text=child.upn.lower()).people == [child]

    def test_never_finds_another_councils_people(self, worker):
        PersonFactory(authority=AuthorityFactory(), given_name="Mohammed", family_name="Khan")
        other = ChildFactory(authority=AuthorityFactory())
        assert selectors.persons_search(user=worker, text="Mohammed Khan").people == []
        assert selectors.persons_search(user=worker, text=other.nhs_number).people == []
        assert not selectors.persons_search(user=worker, text=other.nhs_number).restricted_match

    def test_restricted_hidden_but_flagged_on_exact_identifier(self, worker):
        hidden = ChildFactory(
            authority=worker.acting.authority,
            given_name="Dewi",
            family_name="Pugh",
            restricted=True,
        )
        assert selectors.persons_search(user=worker, text="Dewi Pugh").people == []
        result = selectors.persons_search(user=worker, text=hidden.nhs_number)
        assert result.people == []
        assert result.restricted_match

    def test_partner_agency_finds_nobody(self):
        partner = acting_staff(Role.PARTNER_AGENCY)
        PersonFactory(authority=partner.acting.authority, given_name="Cerys", family_name="Jones")
        assert selectors.persons_search(user=partner, text="Cerys Jones").people == []

    def test_rename_keeps_index_current(self, worker):
        person = AdultFactory(
            authority=worker.acting.authority, given_name="Sarah", family_name="Owen"
        )
        services.person_update(
            person=person,
            expected_version=person.version,
            changes={"family_name": "Bowen"},
            updated_by=worker,
            as_of=date(2026, 1, 1),
        )
        assert selectors.persons_search(user=worker, text="Sarah Bowen").people == [person]
        assert selectors.persons_search(user=worker, text="Sarah Owen").people in ([], [person])

    def test_rebuild_index(self, worker):
        authority = worker.acting.authority
        person = PersonFactory(authority=authority, given_name="Iolo", family_name="Morgan")
        from gofal.people.models import PersonSearchName

        PersonSearchName.objects.all().delete()
        assert selectors.persons_search(user=worker, text="Iolo Morgan").people == []
        assert services.person_search_index_rebuild(authority_id=authority.pk) >= 1
        assert selectors.persons_search(user=worker, text="Iolo Morgan").people == [person]
        assert services.person_search_index_rebuild() >= 1
        assert selectors.persons_search(user=worker, text="Iolo Morgan").people == [person]


class TestManyMatches:
    def test_exact_match_comes_first_when_many_are_close(self, worker):
        authority = worker.acting.authority
        for given in ["Ceri", "Cerian", "Carys", "Cerydwen", "Cari", "Ceris", "Cerys-Ann"]:
            PersonFactory(authority=authority, given_name=given, family_name="Jones")
        exact = PersonFactory(authority=authority, given_name="Cerys", family_name="Jones")
        result = selectors.persons_search(user=worker, text="Cerys Jones", limit=3)
        assert result.people[0] == exact

    def test_says_how_many_matched_when_more_than_shown(self, worker):
        authority = worker.acting.authority
        for _ in range(4):
            PersonFactory(authority=authority, given_name="Cerys", family_name="Jones")
        result = selectors.persons_search(user=worker, text="Cerys Jones", limit=3)
        assert len(result.hits) == 3
        assert result.total == 4
        assert result.truncated

    def test_every_match_is_reached_page_by_page_in_order(self, worker):
        authority = worker.acting.authority
        people = [
            PersonFactory(authority=authority, given_name=given, family_name=family)
            for given, family in [
                ("Mohammed", "Khan"),
                ("Muhammad", "Khan"),
                ("Mohammed", "Kahn"),
                ("Mohamed", "Khan"),
                ("Muhammad", "Kahn"),
                ("Mohammad", "Khan"),
                ("Mohammed", "Khan"),
            ]
        ]
        PersonFactory(authority=authority, given_name="Gareth", family_name="Evans")
        everyone = selectors.persons_search(user=worker, text="Mohammed Khan")
        assert everyone.total == 7
        assert sorted(p.pk for p in everyone.people) == sorted(p.pk for p in people)
        paged = []
        for offset in (0, 3, 6):
            page = selectors.persons_search(
                user=worker, text="Mohammed Khan", limit=3, offset=offset
            )
            assert page.total == 7
            paged += page.people
        assert paged == everyone.people  # the same order, nobody twice, nobody left out
        scores = [h.score for h in everyone.hits]
        assert scores == sorted(scores, reverse=True)
        assert [h.exact for h in everyone.hits] == [True, True] + [False] * 5

    def test_a_person_found_by_two_names_counts_once(self, worker):
        person = PersonFactory(
            authority=worker.acting.authority, given_name="Cerys", family_name="Jones"
        )
        PersonNameFactory(person=person, given_name="Carys", family_name="Jones")
        result = selectors.persons_search(user=worker, text="Cerys Jones")
        assert result.people == [person]
        assert result.total == 1
        assert result.hits[0].matched_name == ""  # the current name matched best

    def test_by_date_of_birth_pages_with_a_true_count(self, worker):
        authority = worker.acting.authority
        born = date(2015, 6, 1)
        for family in ["Evans", "Davies", "Owen", "Price"]:
            PersonFactory(authority=authority, family_name=family, date_of_birth=born)
        first = selectors.persons_search(user=worker, date_of_birth=born, limit=3)
        rest = selectors.persons_search(user=worker, date_of_birth=born, limit=3, offset=3)
        assert (first.total, rest.total) == (4, 4)
        assert [p.family_name for p in first.people + rest.people] == [
            "Davies",
            "Evans",
            "Owen",
            "Price",
        ]

    @pytest.mark.parametrize(
        ("recorded", "typed"),
        [
            (("Mohammed", "Khan"), "Muhammad Kahn"),
            (("Cerys", "Jones"), "Jones Cerys"),
            (("Siân", "Pritchard"), "Pritchard"),
            (("Gareth", "Evans"), "Garth Evans"),
        ],
    )
    def test_scores_as_the_python_scorer_does(self, worker, recorded, typed):
        """On PostgreSQL the score is computed in SQL: it must agree with `search.score`."""
        given, family = recorded
        PersonFactory(authority=worker.acting.authority, given_name=given, family_name=family)
        hit = selectors.persons_search(user=worker, text=typed).hits[0]
        query = search.NameQuery.parse(typed)
        sounds = search.sound_key(query.given), search.sound_key(query.family)
        keys = search.sound_key(given), search.sound_key(family)
        if query.family:
            alike = keys in (sounds, sounds[::-1])
        else:
            alike = sounds[0] in keys
        expected = search.score(
            query=query,
            full_name=search.fold(f"{given} {family}"),
            given=search.fold(given),
            family=search.fold(family),
            sounds_alike=alike,
        )
        assert hit.score == pytest.approx(expected, abs=1e-6)


class TestRestrictedInStep:
    def test_restricting_a_record_hides_it_from_search_at_once(self, worker):
        person = PersonFactory(
            authority=worker.acting.authority, given_name="Elin", family_name="Rowlands"
        )
        manager = acting_staff(Role.TEAM_MANAGER)
        services.person_update(
            person=person,
            expected_version=person.version,
            changes={"restricted": True},
            updated_by=manager,
            as_of=date(2026, 1, 1),
        )
        assert selectors.persons_search(user=worker, text="Elin Rowlands").people == []

    def test_a_grant_shows_the_restricted_person(self, worker):
        from django.utils import timezone

        person = PersonFactory(
            authority=worker.acting.authority,
            given_name="Elin",
            family_name="Rowlands",
            restricted=True,
        )
        services.person_access_grant(
            person=person, user=worker, granted_by=worker, reason="Allocated", as_of=timezone.now()
        )
        assert selectors.persons_search(user=worker, text="Elin Rowlands").people == [person]

    def test_stale_index_never_shows_a_restricted_person(self, worker):
        from gofal.people.models import Person

        person = PersonFactory(
            authority=worker.acting.authority, given_name="Elin", family_name="Rowlands"
        )
        Person.objects.filter(pk=person.pk).update(restricted=True)  # bypassing the services
        assert selectors.persons_search(user=worker, text="Elin Rowlands").people == []
