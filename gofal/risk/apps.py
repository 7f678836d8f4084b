from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "gofal.risk"
    verbose_name = _("Risk assessments")

    def ready(self) -> None:
        from gofal.risk import rules  # noqa: F401  (registers the permissions)
        from gofal.risk.chronology import register_risk_sources
        from gofal.risk.rules import Perm
        from gofal.ui.navigation import NavItem, PersonTab, register, register_person_tab

        register_person_tab(PersonTab(_("Risk"), "risk:list", 27, permission=Perm.VIEW))
        register(
            NavItem(_("Risk reviews"), "risk:reviews_due", Perm.VIEW_REVIEWS, 65, section="risk")
        )
        register_risk_sources()
