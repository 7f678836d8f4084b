from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuthoritiesConfig(AppConfig):
    name = "gofal.authorities"
    verbose_name = _("Councils, teams and staff")
