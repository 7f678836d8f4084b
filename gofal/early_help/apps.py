from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyHelpConfig(AppConfig):
    name = "gofal.early_help"
    verbose_name = _("Early help")
