"""Signing in grants no Django database permissions: Gofal's permissions come from roles only."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import Permission

from gofal.authorities.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestPasswordBackend:
    def test_signs_in_with_the_right_password(self):
        user = UserFactory(username="ceri")
        assert authenticate(username="ceri", password="correct horse battery") == user

    def test_refuses_a_wrong_password_and_an_inactive_user(self):
        UserFactory(username="ceri")
        UserFactory(username="dai", is_active=False)
        assert authenticate(username="ceri", password="wrong") is None
        assert authenticate(username="dai", password="correct horse battery") is None

    def test_a_database_permission_grants_nothing_and_costs_no_query(
        self, django_assert_num_queries
    ):
        user = UserFactory()
        user.user_permissions.add(Permission.objects.get(codename="view_user"))
        user = type(user).objects.get(pk=user.pk)
        with django_assert_num_queries(0):
            assert not user.has_perm("authorities.view_user")
            assert not user.has_perm("people.view_person")
            assert user.get_all_permissions() == set()
            assert not user.has_module_perms("authorities")
