from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyHelpConfig(AppConfig):
    name = "gofal.early_help"
    verbose_name = _("Early help")

    def ready(self) -> None:
        from gofal.early_help import rules  # noqa: F401  (registers the permissions)
        from gofal.early_help.rules import Perm
        from gofal.ui.navigation import NavItem, PersonTab, register, register_person_tab

        register(NavItem(_("Handovers"), "early_help:handovers", Perm.VIEW_EARLY_HELP, 8))
        register_person_tab(
            PersonTab(_("Early help"), "early_help:child", 16, Perm.VIEW_EARLY_HELP)
        )
        register(NavItem(_("Services directory"), "early_help:directory", Perm.VIEW_DIRECTORY, 80))
