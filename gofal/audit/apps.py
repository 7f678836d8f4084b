from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "gofal.audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from django.contrib.auth import signals as auth_signals

        from gofal.audit import rules as audit_rules  # noqa: F401  (registers permissions)
        from gofal.audit import signals
        from gofal.audit.rules import Perm
        from gofal.ui.navigation import NavItem, register

        auth_signals.user_logged_in.connect(signals.signed_in, dispatch_uid="audit_sign_in")
        auth_signals.user_logged_out.connect(signals.signed_out, dispatch_uid="audit_sign_out")
        auth_signals.user_login_failed.connect(
            signals.sign_in_failed, dispatch_uid="audit_sign_in_failed"
        )
        register(
            NavItem(
                _("Staff activity"),
                "audit:staff_activity",
                permission=Perm.VIEW_STAFF_ACTIVITY,
                order=90,
                section="audit",
            )
        )
