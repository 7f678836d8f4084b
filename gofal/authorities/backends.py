"""Signing in by username and password, without Django's database permissions.

Gofal decides who may do what from the person's roles in the acting council (`rules`, in
`gofal.authorities.rules`), never from Django's `Permission` table or groups, which stay empty.
Django's `ModelBackend` would still ask for them: on the first `has_perm` a role does not grant,
it runs two queries (the user's permissions and their groups' permissions) on every request. This
backend keeps `ModelBackend`'s sign-in (password check, inactive users refused, timing-safe when
the username is unknown) and answers "no permission" without touching the database.
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return False

    def with_perm(
        self, perm: Any, is_active: bool = True, include_superusers: bool = True, obj: Any = None
    ) -> Any:
        from django.contrib.auth import get_user_model

        return get_user_model()._default_manager.none()
