from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from gofal.authorities.forms import SwitchAuthorityForm
from gofal.authorities.middleware import SESSION_KEY
from gofal.ui.forms import GovAuthenticationForm


class LoginView(auth_views.LoginView):
    template_name = "authorities/login.html"
    authentication_form = GovAuthenticationForm
    redirect_authenticated_user = True


def authority_switch(request: HttpRequest) -> HttpResponse:
    authorities = request.acting.authorities  # type: ignore[attr-defined]
    data = request.POST if request.method == "POST" else None
    form = SwitchAuthorityForm(data, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        request.session[SESSION_KEY] = form.cleaned_data["authority"]
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "/"
        return redirect(target)
    return render(request, "authorities/switch.html", {"form": form})
