from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "gofal.casework"
    verbose_name = _("Casework")

    def ready(self) -> None:
        from gofal.casework import rules  # noqa: F401  (registers the permissions)
        from gofal.casework.chronology import register_casework_sources
        from gofal.casework.rules import Perm
        from gofal.timescales.rules import Perm as TimescalesPerm
        from gofal.ui.navigation import NavItem, PersonTab, register, register_person_tab

        register(NavItem(_("My caseload"), "casework:my_caseload", Perm.VIEW_MY_CASELOAD, 10))
        register(NavItem(_("Team caseload"), "casework:team_caseload", Perm.VIEW_TEAM_CASELOAD, 20))
        register_person_tab(PersonTab(_("Chronology"), "casework:chronology", 20))
        register_person_tab(PersonTab(_("Case notes"), "casework:notes", 30))
        register_person_tab(PersonTab(_("Documents"), "casework:documents", 40))
        register_person_tab(PersonTab(_("Involvement and allocation"), "casework:involvement", 50))
        register_person_tab(
            PersonTab(
                _("Who has viewed this record"),
                "casework:record_access",
                90,
                permission=Perm.VIEW_RECORD_ACCESS,
            )
        )
        register_person_tab(
            PersonTab(
                _("Timescales"),
                "casework:child_deadlines",
                60,
                permission=TimescalesPerm.VIEW_DEADLINES,
            )
        )
        register_casework_sources()
