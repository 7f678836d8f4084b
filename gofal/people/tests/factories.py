"""Factories for people and their records, shared by every app's tests.

Persons made here are put in the search index (as the services do), have valid NHS numbers
(in the 999 test range) and belong to a new council unless one is given.
"""

from datetime import date

import factory
import nhs_number

from gofal.authorities.tests.factories import AuthorityFactory, UserFactory
from gofal.people import services
from gofal.people.models import (
    Address,
    ContactChannel,
    ContactDetail,
    ContactKind,
    Person,
    PersonName,
    PersonNameKind,
    Sex,
    Warning,
    WarningKind,
)
from gofal.people.validators import upn_check_letter


def valid_nhs_number(n: int) -> str:
    """The n-th valid NHS number in the 999 test range (skips bodies with no check digit)."""
    body = 999_000_000 + (n * 7) % 1_000_000
    while True:
        digits = str(body)
        check = nhs_number.calculate_checksum(digits)
        if check is not None and check != 10:
            return f"{digits}{check}"
        body += 1


def valid_upn(n: int) -> str:
    body = f"{201:03d}{1000 + n % 9000:04d}{24:02d}{n % 1000:03d}"
    return upn_check_letter(body) + body


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    authority = factory.SubFactory(AuthorityFactory)
    given_name = factory.Iterator(["Cerys", "Dylan", "Amir", "Siân", "Tomos", "Aisha", "Rhys"])
    family_name = factory.Iterator(["Jones", "Williams", "Khan", "Evans", "Hughes", "Davies"])
    date_of_birth = date(2015, 6, 1)
    sex = Sex.UNKNOWN
    nhs_number = factory.Sequence(valid_nhs_number)

    class Params:
        restricted_record = factory.Trait(restricted=True)

    @factory.post_generation
    def _index(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            services.person_search_index_update(person=obj)


class ChildFactory(PersonFactory):
    date_of_birth = factory.Sequence(lambda n: date(2010 + n % 14, 1 + n % 12, 1 + n % 28))
    sex = factory.Iterator([Sex.FEMALE, Sex.MALE])
    upn = factory.Sequence(valid_upn)


class UnbornChildFactory(PersonFactory):
    given_name = ""
    date_of_birth = None
    expected_on = date(2027, 3, 1)
    nhs_number = ""


class AdultFactory(PersonFactory):
    given_name = factory.Iterator(["Sarah", "Gareth", "Nadia", "Owain", "Bethan", "Imran"])
    date_of_birth = factory.Sequence(lambda n: date(1975 + n % 20, 1 + n % 12, 1 + n % 28))
    sex = factory.Iterator([Sex.FEMALE, Sex.MALE])


class PersonNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonName
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    authority = factory.LazyAttribute(lambda o: o.person.authority)
    kind = PersonNameKind.PREVIOUS
    given_name = factory.LazyAttribute(lambda o: o.person.given_name)
    family_name = "Morgan"

    @factory.post_generation
    def _index(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            services.person_search_index_update(person=obj.person)


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    person = factory.SubFactory(PersonFactory)
    authority = factory.LazyAttribute(lambda o: o.person.authority)
    line_1 = factory.Sequence(lambda n: f"{n + 1} Heol y Bont")
    town = "Llanfair"
    postcode = "LL11 1AA"
    started_on = date(2020, 1, 1)


class ContactDetailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactDetail

    person = factory.SubFactory(PersonFactory)
    authority = factory.LazyAttribute(lambda o: o.person.authority)
    channel = ContactChannel.PHONE
    kind = ContactKind.MOBILE
    value = "07700 900123"
    started_on = date(2020, 1, 1)


class WarningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Warning

    person = factory.SubFactory(PersonFactory)
    authority = factory.LazyAttribute(lambda o: o.person.authority)
    kind = WarningKind.RISK_TO_STAFF
    description = "Dog at the property; visit in pairs."
    started_on = date(2024, 1, 1)
    raised_by = factory.SubFactory(UserFactory)


def acting_staff(role: str = "social_worker", *, authority=None, team=None, as_of=None):
    """A member of staff with `role`, with `.acting` set as the middleware would set it."""
    from gofal.authorities.acting import acting_for
    from gofal.authorities.tests.factories import TeamFactory, staff

    team = team or TeamFactory(authority=authority or AuthorityFactory())
    user = staff(role, team=team)
    user.acting = acting_for(user=user, authority_id=team.authority_id, as_of=as_of or date.today())
    return user
