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
        assert "Neidio i'r prif gynnwys" in response.content.decode()


@pytest.mark.django_db
class TestErrorPages:
    def test_missing_page_uses_the_gofal_layout(self, client):
        from gofal.authorities.tests.factories import staff

        client.force_login(staff())
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert b"Page not found" in response.content
        assert b'id="main-content"' in response.content

    def test_missing_page_in_welsh(self, client):
        from gofal.authorities.tests.factories import staff

        client.force_login(staff())
        client.cookies["gofal_language"] = "cy"
        response = client.get("/no-such-page/")
        assert "Heb ddod o hyd i&#x27;r dudalen" in response.content.decode() or (
            "Heb ddod o hyd i'r dudalen" in response.content.decode()
        )

    def test_refused_page_explains_why(self, client):
        from gofal.authorities.tests.factories import staff

        client.force_login(staff())  # a social worker: not the privacy officer's page
        response = client.get(reverse("audit:staff_activity"))
        assert response.status_code == 403
        assert b"You cannot use this page" in response.content

    def test_server_error_page_renders_without_a_request(self):
        from django.template.loader import render_to_string

        html = render_to_string("500.html")
        assert "Sorry, there is a problem with the service" in html
