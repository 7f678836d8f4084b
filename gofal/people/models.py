"""People: children and adults known to the council, their identities and relationships.

History is appended: names, addresses, contact details, warnings and relationships are periods
(`started_on`, `ended_on`); "current" is a selector. Only `gofal.people.services` writes these
rows, and keeps the search index (`PersonSearchName`) in step.
"""

import uuid
from datetime import date, datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned, Bilingual


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Not known")
    INDETERMINATE = "indeterminate", _("Indeterminate")


class Language(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Another language")


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_KNOWN = "not_known", _("Not known")


class EthnicityCode(Bilingual, models.Model):
    """A code list held as data, shared by every council (England's SSDA903 list to start)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    scheme = models.CharField(_("code list"), max_length=16, default="ssda903")
    code = models.CharField(_("code"), max_length=8)
    label_en = models.CharField(_("label in English"), max_length=120)
    label_cy = models.CharField(_("label in Welsh"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["scheme", "order", "code"]
        verbose_name = _("ethnicity")
        verbose_name_plural = _("ethnicities")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="ethnicity_code_unique"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.localised("label")


def _period_constraint(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
        name=name,
    )


class Person(AuthorityOwned):
    """A child or adult. A child not yet born has an expected date instead of a date of birth."""

    given_name = models.CharField(_("first name"), max_length=100, blank=True)
    middle_names = models.CharField(_("middle names"), max_length=100, blank=True)
    family_name = models.CharField(_("last name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    date_of_birth_estimated = models.BooleanField(_("date of birth is estimated"), default=False)
    expected_on = models.DateField(_("expected date of birth"), null=True, blank=True)
    died_on = models.DateField(_("date of death"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.UNKNOWN)
    gender = models.CharField(
        _("gender as recorded"),
        max_length=60,
        blank=True,
        help_text=_("In the person's own words, where they have said."),
    )
    ethnicity = models.ForeignKey(
        EthnicityCode,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ethnicity"),
    )
    religion = models.CharField(_("religion or belief"), max_length=100, blank=True)
    first_language = models.CharField(_("first language"), max_length=60, blank=True)
    disability = models.CharField(
        _("disability"), max_length=16, choices=Disability.choices, default=Disability.NOT_KNOWN
    )
    disability_description = models.TextField(_("about the disability"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    preferred_language_other = models.CharField(_("other language"), max_length=60, blank=True)
    interpreter_needed = models.BooleanField(_("needs an interpreter"), default=False)
    active_offer_made_on = models.DateField(_("Welsh active offer made on"), null=True, blank=True)
    active_offer_made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Welsh active offer made by"),
    )
    nhs_number = models.CharField(_("NHS number"), max_length=10, blank=True)
    upn = models.CharField(_("Unique Pupil Number"), max_length=13, blank=True)
    restricted = models.BooleanField(
        _("restricted record"),
        default=False,
        help_text=_("Only staff working with this person, and privacy officers, can open it."),
    )
    submission_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "nhs_number"],
                condition=~Q(nhs_number=""),
                name="person_nhs_number_unique",
            ),
            models.UniqueConstraint(
                fields=["authority", "submission_token"], name="person_submitted_once"
            ),
            models.CheckConstraint(
                condition=Q(date_of_birth__isnull=True) | Q(expected_on__isnull=True),
                name="person_born_or_expected",
            ),
        ]
        indexes = [
            models.Index(fields=["authority", "upn"], name="person_upn_idx"),
            models.Index(fields=["authority", "date_of_birth"], name="person_dob_idx"),
            # The council's few restricted records, read first by lists that leave them out.
            models.Index(
                fields=["authority"], condition=Q(restricted=True), name="person_restricted_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        name = f"{self.given_name} {self.family_name}".strip()
        if not name and self.is_unborn:
            return str(_("Unborn child"))
        return name or str(_("Name not known"))

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_on is not None

    def age_on(self, day: date) -> int | None:
        born = self.date_of_birth
        if born is None or day < born:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class PersonNameKind(models.TextChoices):
    KNOWN_AS = "known_as", _("Known as")
    ALIAS = "alias", _("Alias")
    PREVIOUS = "previous", _("Previous name")
    BIRTH = "birth", _("Name at birth")


class PersonName(AuthorityOwned):
    """Another name a person has or had: known-as, alias, previous name, name at birth."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="other_names")
    kind = models.CharField(_("kind of name"), max_length=16, choices=PersonNameKind.choices)
    given_name = models.CharField(_("first name"), max_length=100, blank=True)
    family_name = models.CharField(_("last name"), max_length=100, blank=True)
    started_on = models.DateField(_("used from"), null=True, blank=True)
    ended_on = models.DateField(_("used until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submission_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["kind", "family_name", "given_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="person_name_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["authority", "submission_token"], name="person_name_submitted_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()


class Address(AuthorityOwned):
    """Where a person lived, from and to. The current address is a selector."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="addresses")
    line_1 = models.CharField(_("address line 1"), max_length=120)
    line_2 = models.CharField(_("address line 2"), max_length=120, blank=True)
    town = models.CharField(_("town or city"), max_length=80)
    county = models.CharField(_("county"), max_length=80, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    started_on = models.DateField(_("lived here from"))
    ended_on = models.DateField(_("lived here until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submission_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        constraints = [
            _period_constraint("address_ends_after_start"),
            models.UniqueConstraint(
                fields=["authority", "submission_token"], name="address_submitted_once"
            ),
        ]

    def __str__(self) -> str:
        return ", ".join(p for p in [self.line_1, self.line_2, self.town, self.postcode] if p)

    @property
    def lines(self) -> list[str]:
        return [p for p in [self.line_1, self.line_2, self.town, self.county, self.postcode] if p]


class ContactChannel(models.TextChoices):
    PHONE = "phone", _("Telephone")
    EMAIL = "email", _("Email")


class ContactKind(models.TextChoices):
    MOBILE = "mobile", _("Mobile")
    HOME = "home", _("Home")
    WORK = "work", _("Work")
    OTHER = "other", _("Other")


class ContactDetail(AuthorityOwned):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_details")
    channel = models.CharField(_("type"), max_length=8, choices=ContactChannel.choices)
    kind = models.CharField(_("kind"), max_length=8, choices=ContactKind.choices)
    value = models.CharField(_("number or address"), max_length=200)
    preferred = models.BooleanField(_("preferred way to contact"), default=False)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submission_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-preferred", "channel", "-started_on"]
        constraints = [
            _period_constraint("contact_detail_ends_after_start"),
            models.UniqueConstraint(
                fields=["authority", "submission_token"], name="contact_detail_submitted_once"
            ),
        ]

    def __str__(self) -> str:
        return self.value


class WarningKind(models.TextChoices):
    RISK_TO_STAFF = "risk_to_staff", _("Risk to visiting staff")
    RISK_TO_OTHERS = "risk_to_others", _("Risk to others")
    RISK_TO_SELF = "risk_to_self", _("Risk to self")
    HEALTH = "health", _("Health or medical alert")
    DO_NOT_DISCLOSE = "do_not_disclose", _("Do not disclose address")
    OTHER = "other", _("Other")


class Warning(AuthorityOwned):
    """Something staff must know before they meet the person, such as a risk to visiting staff."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="warnings")
    kind = models.CharField(_("kind of warning"), max_length=20, choices=WarningKind.choices)
    description = models.TextField(_("description"))
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submission_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            _period_constraint("warning_ends_after_start"),
            models.UniqueConstraint(
                fields=["authority", "submission_token"], name="warning_submitted_once"
            ),
        ]

    def __str__(self) -> str:
        return str(self.get_kind_display())

    @property
    def is_risk_to_staff(self) -> bool:
        return self.kind == WarningKind.RISK_TO_STAFF


class RelationshipKind(models.TextChoices):
    """What the related person is to this person (read: "<related> is this person's <kind>")."""

    PARENT = "parent", _("Parent")
    CHILD = "child", _("Child")
    STEP_PARENT = "step_parent", _("Step-parent")
    STEP_CHILD = "step_child", _("Step-child")
    GRANDPARENT = "grandparent", _("Grandparent")
    GRANDCHILD = "grandchild", _("Grandchild")
    SIBLING = "sibling", _("Sibling")
    HALF_SIBLING = "half_sibling", _("Half-sibling")
    AUNT_OR_UNCLE = "aunt_or_uncle", _("Aunt or uncle")
    NIECE_OR_NEPHEW = "niece_or_nephew", _("Niece or nephew")
    PARTNER = "partner", _("Partner")
    FOSTER_CARER = "foster_carer", _("Foster carer")
    FOSTER_CHILD = "foster_child", _("Foster child")
    FRIEND_OR_NEIGHBOUR = "friend_or_neighbour", _("Friend or neighbour")
    OTHER = "other", _("Other")


RECIPROCAL = {
    RelationshipKind.PARENT: RelationshipKind.CHILD,
    RelationshipKind.CHILD: RelationshipKind.PARENT,
    RelationshipKind.STEP_PARENT: RelationshipKind.STEP_CHILD,
    RelationshipKind.STEP_CHILD: RelationshipKind.STEP_PARENT,
    RelationshipKind.GRANDPARENT: RelationshipKind.GRANDCHILD,
    RelationshipKind.GRANDCHILD: RelationshipKind.GRANDPARENT,
    RelationshipKind.SIBLING: RelationshipKind.SIBLING,
    RelationshipKind.HALF_SIBLING: RelationshipKind.HALF_SIBLING,
    RelationshipKind.AUNT_OR_UNCLE: RelationshipKind.NIECE_OR_NEPHEW,
    RelationshipKind.NIECE_OR_NEPHEW: RelationshipKind.AUNT_OR_UNCLE,
    RelationshipKind.PARTNER: RelationshipKind.PARTNER,
    RelationshipKind.FOSTER_CARER: RelationshipKind.FOSTER_CHILD,
    RelationshipKind.FOSTER_CHILD: RelationshipKind.FOSTER_CARER,
    RelationshipKind.FRIEND_OR_NEIGHBOUR: RelationshipKind.FRIEND_OR_NEIGHBOUR,
    RelationshipKind.OTHER: RelationshipKind.OTHER,
}


class Relationship(AuthorityOwned):
    """One direction of a relationship between two people; the other direction is its pair.

    `kind` says what `related` is to `person`. `parental_responsibility` says whether `related`
    holds parental responsibility for `person`. Both rows share `pair_id` and are created and
    ended together by `gofal.people.services`.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    related = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("relationship"), max_length=24, choices=RelationshipKind.choices)
    description = models.CharField(_("details"), max_length=200, blank=True)
    parental_responsibility = models.BooleanField(_("has parental responsibility"), default=False)
    started_on = models.DateField(_("from"), null=True, blank=True)
    ended_on = models.DateField(_("until"), null=True, blank=True)
    pair_id = models.UUIDField(db_index=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submission_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(person=F("related")), name="relationship_not_to_self"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=F("started_on")),
                name="relationship_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["authority", "submission_token"], name="relationship_submitted_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.related_id} is {self.kind} of {self.person_id}"


class AccessReason(models.TextChoices):
    ALLOCATION = "allocation", _("Allocated to work with this person")
    DECISION = "decision", _("Access agreed by a privacy officer")
    BREAK_GLASS = "break_glass", _("Opened in an emergency")


class PersonAccess(AuthorityOwned):
    """Permission for one member of staff to open one restricted record, for a period."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="access_grants")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="person_access"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=AccessReason.choices, default=AccessReason.DECISION
    )
    reason = models.TextField(_("reason"))
    starts_at = models.DateTimeField(_("from"))
    ends_at = models.DateTimeField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="person_access_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["user", "person"], name="person_access_user_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} may open {self.person_id}"

    def is_current(self, at: datetime) -> bool:
        return self.starts_at <= at and (self.ends_at is None or self.ends_at > at)


class PersonSearchName(AuthorityOwned):
    """One searchable name of a person (current or other), normalised, with sound codes.

    Maintained only by `gofal.people.services`. On PostgreSQL `full_name` has a trigram GIN
    index and the sound codes are double metaphone (fuzzystrmatch); on SQLite an FTS5 table with
    the trigram tokenizer mirrors `full_name`, and the sound codes come from `people.search`.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    is_current = models.BooleanField(default=True)
    restricted = models.BooleanField(default=False)  # the person's, copied for the search
    full_name = models.CharField(max_length=220)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    given_sound = models.CharField(max_length=8, blank=True)
    given_sound_alt = models.CharField(max_length=8, blank=True)
    family_sound = models.CharField(max_length=8, blank=True)
    family_sound_alt = models.CharField(max_length=8, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["authority", "family_sound", "given_name"], name="search_family_sound_idx"
            ),
            models.Index(
                fields=["authority", "family_sound_alt", "given_name"],
                name="search_family_alt_idx",
            ),
            models.Index(
                fields=["authority", "given_sound", "family_name"], name="search_given_sound_idx"
            ),
            models.Index(
                fields=["authority", "given_sound_alt", "family_name"],
                name="search_given_alt_idx",
            ),
            models.Index(fields=["authority", "full_name"], name="search_full_name_idx"),
            models.Index(fields=["authority", "given_name"], name="search_given_name_idx"),
            models.Index(fields=["authority", "family_name"], name="search_family_name_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name
