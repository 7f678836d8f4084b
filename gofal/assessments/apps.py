from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "gofal.assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        from gofal.assessments import rules  # noqa: F401  (registers the permissions)
        from gofal.assessments.badges import flag_badges
        from gofal.assessments.chronology import register_assessment_sources
        from gofal.assessments.rules import Perm
        from gofal.people.presenters import register_badge_provider
        from gofal.ui.navigation import PersonTab, register_person_tab

        register_person_tab(
            PersonTab(_("Assessments"), "assessments:list", 25, permission=Perm.VIEW_ASSESSMENT)
        )
        register_person_tab(
            PersonTab(_("Flags"), "assessments:flags", 26, permission=Perm.VIEW_ASSESSMENT)
        )
        register_assessment_sources()
        register_badge_provider(flag_badges)
        # A risk assessment can raise the flag matching a harm (gofal.risk sits below).
        from gofal.assessments import selectors, services
        from gofal.risk.flags import register_flag_hooks

        register_flag_hooks(current=selectors.flag_kinds_current, start=services.flag_start)
