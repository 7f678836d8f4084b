from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "gofal.planning"
    verbose_name = _("Care and support planning")

    def ready(self) -> None:
        from gofal.planning import rules  # noqa: F401  (registers the permissions)
        from gofal.planning.rules import Perm
        from gofal.ui.navigation import PersonTab, register_person_tab

        register_person_tab(PersonTab(_("Plans"), "planning:list", 27, permission=Perm.VIEW_PLAN))
