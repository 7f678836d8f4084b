from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import check_for_language


def home(request: HttpRequest) -> HttpResponse:
    """Send each member of staff to the page they start from."""
    try:
        return redirect(reverse("casework:my_caseload"))
    except NoReverseMatch:
        return render(request, "ui/home.html")


@login_not_required
def language_switch(request: HttpRequest, language: str) -> HttpResponse:
    """Switch between English and Welsh from a plain link (works without JavaScript)."""
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if check_for_language(language) and language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 60 * 60,
            samesite="Lax",
            httponly=True,
        )
    return response
