"""People: children and adults known to the council, their identities and relationships."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Not known")
    INDETERMINATE = "indeterminate", _("Indeterminate")


class Language(models.TextChoices):
    WELSH = "cy", _("Welsh")
    ENGLISH = "en", _("English")
    OTHER = "other", _("Another language")


class Person(AuthorityOwned):
    """A child or adult. A child not yet born has an expected date instead of a date of birth."""

    given_name = models.CharField(_("first name"), max_length=100, blank=True)
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
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        name = f"{self.given_name} {self.family_name}".strip()
        if not name and self.is_unborn:
            return str(_("Unborn child"))
        return name

    @property
    def is_unborn(self) -> bool:
        return self.date_of_birth is None and self.expected_on is not None

    def age_on(self, day: date) -> int | None:
        born = self.date_of_birth
        if born is None or day < born:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
