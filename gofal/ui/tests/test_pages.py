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


@pytest.mark.django_db
class TestWelsh:
    def test_language_switch_sets_cookie_and_returns(self, client):
        response = client.get(reverse("ui:language", args=["cy"]) + "?next=/accounts/login/")
        assert response.status_code == 302
        assert response["Location"] == "/accounts/login/"
        assert response.cookies["gofal_language"].value == "cy"

    def test_switch_refuses_to_send_you_off_site(self, client):
        response = client.get(reverse("ui:language", args=["cy"]) + "?next=https://evil.example/")
        assert response["Location"] == "/"

    def test_sign_in_page_in_welsh(self, client):
        client.cookies["gofal_language"] = "cy"
        response = client.get(reverse("authorities:login"))
        assert b'lang="cy"' in response.content
        assert "Mewngofnodi i Gofal" in response.content.decode()
        assert "Hepgor i'r prif gynnwys" in response.content.decode()
