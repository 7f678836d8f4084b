from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimescalesConfig(AppConfig):
    name = "gofal.timescales"
    verbose_name = _("Statutory timescales")
