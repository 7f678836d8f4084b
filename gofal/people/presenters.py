"""Shaping a person for display: the identity bar shown on every child's page.

Other apps add badges (on the register, looked after, care leaver, vulnerability flags) by
registering a provider in their AppConfig.ready(). A provider takes several people (of one
council) and the day, and returns the badges of each person who has any, in one query
whatever the number of people, so a page showing several children (the front door's history
check) asks each provider once:

    from gofal.people.presenters import Badge, register_badge_provider

    def looked_after_badges(people, as_of):
        looked_after = looked_after_ids(child_ids=[p.pk for p in people], as_of=as_of)
        return {pk: [Badge(_("Looked after"), "purple")] for pk in looked_after}

    register_badge_provider(looked_after_badges)
"""

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gofal.people.models import Language, Person, Warning, WarningKind
from gofal.ui.components import SummaryRow, display_value, summary_rows
from gofal.ui.templatetags.gofal_ui import govuk_date


@dataclass(frozen=True)
class Badge:
    label: str
    colour: str = "blue"  # MOJ badge modifier: blue, red, green, purple, grey, orange


BadgeProvider = Callable[[Sequence[Person], date], Mapping[uuid.UUID, Iterable[Badge]]]
_PROVIDERS: list[BadgeProvider] = []


def register_badge_provider(provider: BadgeProvider) -> BadgeProvider:
    """Add badges to every identity bar. Usable as a decorator; registering twice is harmless."""
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def badge_providers() -> tuple[BadgeProvider, ...]:
    return tuple(_PROVIDERS)


def provider_badges(people: Sequence[Person], *, as_of: date) -> dict[uuid.UUID, list[Badge]]:
    """Each person's badges from every registered provider, in the providers' order: one
    query a provider whatever the number of people (none for no people)."""
    found: dict[uuid.UUID, list[Badge]] = {person.pk: [] for person in people}
    if not people:
        return found
    for provider in _PROVIDERS:
        for pk, badges in provider(people, as_of).items():
            found.setdefault(pk, []).extend(badges)
    return found


@dataclass(frozen=True)
class IdentityBar:
    person: Person
    name: str
    date_of_birth: date | None
    estimated: bool
    expected_on: date | None
    age: int | None
    nhs_number: str
    language: str
    badges: list[Badge] = field(default_factory=list)


@dataclass(frozen=True)
class SearchRow:
    """One search hit as the results table shows it, every cell already a string."""

    href: str
    name: str
    exact: bool
    other_name: str  # "Also known as ..." when another name matched
    restricted: bool
    born: str
    nhs_number: str
    address: str
    language: str


_ANY_ID = "00000000-0000-0000-0000-000000000000"


def search_rows(hits: Iterable[Any], addresses: dict[Any, Any]) -> list[SearchRow]:
    """The results table's rows, shaped once in Python: a template looking up a dozen values in
    every row cost more than finding the people."""
    detail = reverse("people:person_detail", args=[_ANY_ID])  # the same path for every person
    rows = []
    for hit in hits:
        person = hit.person
        if person.date_of_birth:
            born = govuk_date(person.date_of_birth)
        elif person.expected_on:
            born = f"{_('Expected')} {govuk_date(person.expected_on)}"
        else:
            born = _("Not known")
        address = addresses.get(person.pk)
        rows.append(
            SearchRow(
                href=detail.replace(_ANY_ID, str(person.pk)),
                name=person.full_name,
                exact=hit.exact,
                other_name=(
                    _("Also known as %(name)s") % {"name": hit.matched_name.title()}
                    if hit.matched_name
                    else ""
                ),
                restricted=person.restricted,
                born=born,
                nhs_number=format_nhs_number(person.nhs_number) or "–",
                address=str(address) if address else _("Not recorded"),
                language=preferred_language(person),
            )
        )
    return rows


def format_nhs_number(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


def preferred_language(person: Person) -> str:
    """The person's preferred language as staff should see it, with the interpreter need."""
    language = str(person.get_preferred_language_display())
    if person.preferred_language == Language.OTHER and person.preferred_language_other:
        language = person.preferred_language_other
    if person.interpreter_needed:
        language = _("%(language)s (needs an interpreter)") % {"language": language}
    return language


def _warning_badges(person: Person, as_of: date, kinds: list[str] | None) -> list[Badge]:
    if kinds is None:
        kinds = list(
            Warning.objects.filter(person=person, started_on__lte=as_of)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
            .values_list("kind", flat=True)
        )
    if not kinds:
        return []
    badges = [
        Badge(
            ngettext("%(count)d warning", "%(count)d warnings", len(kinds)) % {"count": len(kinds)},
            "red" if WarningKind.RISK_TO_STAFF in kinds else "orange",
        )
    ]
    if WarningKind.RISK_TO_STAFF in kinds:
        badges.append(Badge(_("Risk to visiting staff"), "red"))
    return badges


def identity_bar(
    person: Person, *, as_of: date, warning_kinds: list[str] | None = None
) -> IdentityBar:
    """The identity bar of a person's pages. A page that has read the person's current
    warnings already passes their kinds (`warning_kinds`) rather than have them read again."""
    badges = [Badge(_("Restricted"), "red")] if person.restricted else []
    if person.died_on and person.died_on <= as_of:
        badges.append(Badge(_("Died"), "grey"))
    badges.extend(_warning_badges(person, as_of, warning_kinds))
    badges.extend(provider_badges([person], as_of=as_of)[person.pk])
    return IdentityBar(
        person=person,
        name=person.full_name,
        date_of_birth=person.date_of_birth,
        estimated=person.date_of_birth_estimated,
        expected_on=person.expected_on,
        age=person.age_on(as_of),
        nhs_number=format_nhs_number(person.nhs_number),
        language=preferred_language(person),
        badges=badges,
    )


def details_rows(person: Person, *, change_href: str = "") -> list[Any]:
    """The person's details as summary list rows (each with a change link if allowed)."""
    fields = [
        "given_name",
        "middle_names",
        "family_name",
        "date_of_birth" if not person.is_unborn else "expected_on",
        "sex",
        "gender",
        "ethnicity",
        "religion",
        "first_language",
        "disability",
        "preferred_language",
        "interpreter_needed",
        "nhs_number",
        "upn",
        "restricted",
    ]
    if person.died_on:
        fields.insert(4, "died_on")
    hrefs = dict.fromkeys(fields, change_href) if change_href else None
    rows = summary_rows(person, fields, change_href=hrefs)
    by_field = dict(zip(fields, range(len(fields)), strict=True))

    def replace(name: str, value: str) -> None:
        old = rows[by_field[name]]
        rows[by_field[name]] = SummaryRow(old.key, value, old.action_href, old.action_label)

    if person.date_of_birth and person.date_of_birth_estimated:
        replace("date_of_birth", _("%(date)s (estimated)") % {"date": rows[3].value})
    if person.disability_description:
        replace("disability", f"{person.get_disability_display()}: {person.disability_description}")
    if person.preferred_language_other:
        replace("preferred_language", preferred_language(person))
    if person.nhs_number:
        replace("nhs_number", format_nhs_number(person.nhs_number))
    offer = _("Not recorded")
    if person.active_offer_made_on:
        offer = _("Made on %(date)s") % {"date": display_value(person.active_offer_made_on)}
        if person.active_offer_made_by_id:
            offer = _("Made on %(date)s by %(who)s") % {
                "date": display_value(person.active_offer_made_on),
                "who": person.active_offer_made_by,
            }
    rows.insert(
        by_field["interpreter_needed"] + 1,
        SummaryRow(
            _("Active offer of Welsh"), offer, change_href, _("Change") if change_href else ""
        ),
    )
    return rows
