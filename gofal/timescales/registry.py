"""The rule registry in memory: every rule version and local standard, loaded in a few queries.

Built once per request, task or command; looking a rule up never queries.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from gofal.timescales.compute import Timescale, applicable, in_force
from gofal.timescales.models import LocalStandard, Rule, RuleVersion


@dataclass(frozen=True)
class Applied:
    """What applies to a clock started on a day: the version, any local standard, the figure."""

    rule: Rule
    version: RuleVersion
    local_standard: LocalStandard | None
    national: Timescale
    timescale: Timescale


def timescale_of(item: RuleVersion | LocalStandard) -> Timescale:
    return Timescale(duration=item.duration, unit=item.unit)


class RuleRegistry:
    def __init__(self, *, authority_ids: list[uuid.UUID] | None = None) -> None:
        """Load every rule and version, and local standards (of these councils, or all)."""
        self.rules = {rule.code: rule for rule in Rule.objects.all()}
        self.rules_by_id = {rule.pk: rule for rule in self.rules.values()}
        self._versions: dict[tuple[uuid.UUID, str], list[RuleVersion]] = defaultdict(list)
        for version in RuleVersion.objects.all():
            version.rule = self.rules_by_id[version.rule_id]
            self._versions[(version.rule_id, version.jurisdiction)].append(version)
        standards = LocalStandard.objects.all()
        if authority_ids is not None:
            standards = standards.filter(authority_id__in=authority_ids)
        self._standards: dict[tuple[uuid.UUID, uuid.UUID], list[LocalStandard]] = defaultdict(list)
        for standard in standards:
            self._standards[(standard.authority_id, standard.rule_id)].append(standard)
        self.versions_by_id = {v.pk: v for vs in self._versions.values() for v in vs}

    def rule(self, code: str) -> Rule:
        try:
            return self.rules[code]
        except KeyError:
            raise ValidationError(
                _("There is no timescale with the code %(code)s.") % {"code": code}
            ) from None

    def applied(
        self, *, rule: Rule, jurisdiction: str, authority_id: uuid.UUID | None, on: date
    ) -> Applied:
        """The version in force on `on` in the jurisdiction, and the council's stricter figure."""
        version = in_force(self._versions.get((rule.pk, jurisdiction), []), on)
        if version is None:
            raise ValidationError(
                _("No version of the timescale %(code)s is in force on %(day)s.")
                % {"code": rule.code, "day": on.isoformat()}
            )
        standard = None
        if authority_id is not None:
            standard = in_force(self._standards.get((authority_id, rule.pk), []), on)
        national = timescale_of(version)
        local = timescale_of(standard) if standard else None
        timescale = applicable(national, local)
        return Applied(
            rule=rule,
            version=version,
            local_standard=standard if timescale is local else None,
            national=national,
            timescale=timescale,
        )
