from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontDoorConfig(AppConfig):
    name = "gofal.front_door"
    verbose_name = _("Front door")

    def ready(self) -> None:
        from gofal.casework.chronology import register_chronology_source
        from gofal.front_door import rules  # noqa: F401  (registers the permissions)
        from gofal.front_door.chronology import contact_entries, notification_entries
        from gofal.front_door.rules import Perm
        from gofal.ui.navigation import NavItem, PersonTab, register, register_person_tab

        register(NavItem(_("Front door"), "front_door:queue", Perm.VIEW_CONTACTS, 5, "front_door"))
        register(NavItem(_("Front door reports"), "front_door:report", Perm.VIEW_REPORTS, 75))
        register(
            NavItem(_("Threshold framework"), "front_door:framework", Perm.MANAGE_FRAMEWORK, 86)
        )
        register_person_tab(
            PersonTab(_("Contacts"), "front_door:person_contacts", 15, Perm.VIEW_CONTACTS)
        )
        register_chronology_source(contact_entries, kinds=[("contact", _("Contact"))])
        register_chronology_source(
            notification_entries,
            kinds=[("council_notification", _("Notification from another council"))],
        )
