from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "gofal.people"
    verbose_name = _("People")

    def ready(self) -> None:
        from gofal.people.rules import Perm
        from gofal.ui.navigation import NavItem, PersonTab, register, register_person_tab

        register(
            NavItem(
                label=_("Find a person"),
                url_name="people:person_search",
                permission=Perm.SEARCH,
                order=20,
                section="people",
            )
        )
        register_person_tab(
            PersonTab(label=_("Summary"), url_name="people:person_detail", order=10)
        )
        register_person_tab(
            PersonTab(
                label=_("Access"),
                url_name="people:person_access",
                order=900,
                permission=Perm.MANAGE_ACCESS,
            )
        )
