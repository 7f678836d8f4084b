import pytest
from django.urls import reverse


@pytest.mark.django_db
class TestSignIn:
    def test_anonymous_visitor_is_sent_to_sign_in(self, client):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("authorities:login"))

    def test_sign_in_page_has_welsh_switch(self, client):
        response = client.get(reverse("authorities:login"))
        assert response.status_code == 200
        assert b'hreflang="cy"' in response.content

    def test_empty_sign_in_gets_govuk_errors(self, client):
        response = client.post(reverse("authorities:login"), {"username": "", "password": ""})
        assert response.status_code == 200
        assert b"govuk-error-summary" in response.content
        assert b"Enter your username" in response.content
