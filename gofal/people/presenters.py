"""Shaping a person for display: the identity bar shown on every child's page."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from gofal.people.models import Language, Person


@dataclass(frozen=True)
class Badge:
    label: str
    colour: str = "blue"  # MOJ badge modifier: blue, red, green, purple, grey, orange


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


def _format_nhs(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


def identity_bar(person: Person, *, as_of: date) -> IdentityBar:
    language = person.get_preferred_language_display()
    if person.preferred_language == Language.OTHER and person.preferred_language_other:
        language = person.preferred_language_other
    if person.interpreter_needed:
        language = _("%(language)s (needs an interpreter)") % {"language": language}
    badges = [Badge(_("Restricted"), "red")] if person.restricted else []
    return IdentityBar(
        person=person,
        name=person.full_name,
        date_of_birth=person.date_of_birth,
        estimated=person.date_of_birth_estimated,
        expected_on=person.expected_on,
        age=person.age_on(as_of),
        nhs_number=_format_nhs(person.nhs_number),
        language=str(language),
        badges=badges,
    )
