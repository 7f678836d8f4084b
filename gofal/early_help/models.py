"""Early help: the directory of preventative and community services that signposting uses.

A service's funding may end (many early help services live on short-term grants): once its
funding end date has passed it cannot be chosen, and administrators see it flagged.
"""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gofal.authorities.models import AuthorityOwned, Bilingual


class FundingSource(models.TextChoices):
    COUNCIL = "council", _("Council core budget")
    FAMILIES_FIRST = "families_first", _("Families First grant")
    FLYING_START = "flying_start", _("Flying Start grant")
    HEALTH_BOARD = "health_board", _("Health board")
    CHARITY = "charity", _("Charity or voluntary sector")
    OTHER_GRANT = "other_grant", _("Other grant")
    OTHER = "other", _("Other")


class Service(Bilingual, AuthorityOwned):
    """A preventative or community service families can be signposted or referred to."""

    name_en = models.CharField(_("name in English"), max_length=160)
    name_cy = models.CharField(_("name in Welsh"), max_length=160)
    description_en = models.TextField(_("description in English"))
    description_cy = models.TextField(_("description in Welsh"))
    provider = models.CharField(_("provider"), max_length=160)
    eligibility = models.TextField(_("who can use it"))
    area = models.CharField(_("area covered"), max_length=160)
    contact = models.CharField(_("how to contact the service"), max_length=300)
    funding_source = models.CharField(
        _("funding source"), max_length=24, choices=FundingSource.choices
    )
    funding_ends_on = models.DateField(_("funding ends on"), null=True, blank=True)
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [
            models.UniqueConstraint(fields=["authority", "name_en"], name="service_name_unique"),
        ]
        indexes = [
            models.Index(fields=["authority", "funding_ends_on"], name="service_funding_idx")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localised("name")

    @property
    def description(self) -> str:
        return self.localised("description")

    def funded_on(self, day: date) -> bool:
        """Whether the service still has funding on this day (no end date: open-ended)."""
        return self.funding_ends_on is None or self.funding_ends_on >= day


def funded_on(day: date) -> Q:
    return Q(funding_ends_on__isnull=True) | Q(funding_ends_on__gte=day)
