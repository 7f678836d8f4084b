from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimescalesConfig(AppConfig):
    name = "gofal.timescales"
    verbose_name = _("Statutory timescales")

    def ready(self) -> None:
        from gofal.timescales import rules as timescale_rules  # noqa: F401 (registers permissions)
        from gofal.timescales.rules import Perm
        from gofal.ui.navigation import NavItem, register

        register(NavItem(_("My work"), "timescales:my_work", Perm.VIEW_MY_WORK, 20))
        register(NavItem(_("Team work"), "timescales:team_work", Perm.VIEW_TEAM_WORK, 30))
        register(NavItem(_("Council work"), "timescales:council_work", Perm.VIEW_COUNCIL_WORK, 40))
        register(NavItem(_("Timescales"), "timescales:rule_list", Perm.CHANGE_RULES, 85))
