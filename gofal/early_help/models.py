"""Early help: the directory of preventative and community services that signposting uses.

A service's funding may end (many early help services live on short-term grants): once its
funding end date has passed it cannot be chosen, and administrators see it flagged.
"""

from datetime import date

from django.conf import settings
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


class EpisodeOutcome(models.TextChoices):
    OUTCOMES_MET = "outcomes_met", _("Outcomes met")
    PARTLY_MET = "partly_met", _("Outcomes partly met")
    STEPPED_UP = "stepped_up", _("Stepped up to social services")
    DISENGAGED = "disengaged", _("Family stopped taking part")
    MOVED_AWAY = "moved_away", _("Moved away")
    OTHER = "other", _("Other")


class Episode(AuthorityOwned):
    """A period of early help for a child, with a lead worker in an early help team."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey("authorities.Team", on_delete=models.PROTECT, related_name="+")
    lead_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=EpisodeOutcome.choices, blank=True
    )
    outcome_detail = models.TextField(_("more about the outcome"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("early help episode")
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(ended_on__isnull=True),
                name="early_help_one_open_per_child",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="early_help_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} ({self.started_on:%Y-%m-%d})"


class Plan(AuthorityOwned):
    """The early help assessment and plan. Each save adds a row: the latest is current."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="plans")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    assessment = models.TextField(_("what the assessment found"))
    outcomes = models.TextField(_("outcomes the family wants"))
    actions = models.TextField(_("actions: who does what, by when"))
    review_on = models.DateField(_("review date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.episode_id} ({self.recorded_at:%Y-%m-%d})"


class Direction(models.TextChoices):
    STEP_UP = "step_up", _("Step-up: early help to social services")
    STEP_DOWN = "step_down", _("Step-down: social services to early help")


class Response(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned")


class Handover(AuthorityOwned):
    """A child's work passed between early help and social services, which the receiving team
    must accept or return with reasons, so that no family falls between services."""

    child = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    direction = models.CharField(_("direction"), max_length=16, choices=Direction.choices)
    from_team = models.ForeignKey("authorities.Team", on_delete=models.PROTECT, related_name="+")
    to_team = models.ForeignKey("authorities.Team", on_delete=models.PROTECT, related_name="+")
    reasons = models.TextField(_("reasons"))
    information = models.TextField(_("information passed on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"))
    response = models.CharField(_("response"), max_length=16, choices=Response.choices, blank=True)
    response_reasons = models.TextField(_("reasons for the response"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    acceptance_deadline = models.ForeignKey(
        "timescales.Deadline", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    form_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        ordering = ["sent_at"]
        verbose_name = _("handover")
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=Q(response=""),
                name="handover_one_waiting_per_child",
            ),
            models.CheckConstraint(
                condition=~Q(response="returned") | ~Q(response_reasons=""),
                name="handover_returned_has_reasons",
            ),
        ]
        indexes = [models.Index(fields=["to_team", "response"], name="handover_to_team_idx")]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} ({self.sent_at:%Y-%m-%d})"
