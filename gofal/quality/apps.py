from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualityConfig(AppConfig):
    name = "gofal.quality"
    verbose_name = _("Quality and oversight")

    def ready(self) -> None:
        from gofal.quality import rules  # noqa: F401  (registers the permissions)
        from gofal.quality.chronology import register_quality_sources
        from gofal.quality.rules import Perm
        from gofal.ui.navigation import NavItem, PersonTab, register, register_person_tab

        register_person_tab(
            PersonTab(
                _("Management oversight"), "quality:oversight", 35, permission=Perm.VIEW_OVERSIGHT
            )
        )
        register(NavItem(_("Reports"), "quality:reports", Perm.VIEW_REPORTS, 70))
        register_quality_sources()
