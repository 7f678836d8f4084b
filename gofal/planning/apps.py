from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "gofal.planning"
    verbose_name = _("Care and support planning")

    def ready(self) -> None:
        from gofal.planning import rules  # noqa: F401  (registers the permissions)
        from gofal.planning.rules import Perm
        from gofal.ui.navigation import NavItem, PersonTab, register, register_person_tab

        register(
            NavItem(_("Written agreements"), "planning:agreements", Perm.REVIEW_AGREEMENTS, 60)
        )
        register_person_tab(PersonTab(_("Plans"), "planning:list", 27, permission=Perm.VIEW_PLAN))

        from gofal.casework.closing import register_on_involvement_end
        from gofal.planning.services import plans_end_with_involvement

        register_on_involvement_end(plans_end_with_involvement)
