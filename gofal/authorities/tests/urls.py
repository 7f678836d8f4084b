"""Probe views for the tenancy tests: they stand in for any page that reads a case record."""

import json

from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path

from gofal.people.models import Person
from gofal.people.selectors import person_get_for_user


def person_scoped(request: HttpRequest, pk: str) -> HttpResponse:
    """As every real page does: through the scoped selector."""
    return HttpResponse(person_get_for_user(user=request.user, person_id=pk).full_name)


def person_unscoped(request: HttpRequest, pk: str) -> HttpResponse:
    """A page with a bug: the council filter is left out. Row-level security must catch it."""
    return HttpResponse(get_object_or_404(Person, pk=pk).full_name)


def database_settings(request: HttpRequest) -> HttpResponse:
    """What the database itself believes about the council during this request."""
    values: dict[str, object] = {"vendor": connection.vendor}
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT current_setting('gofal.authority_id', true),"
                " current_setting('gofal.rls_bypass', true), count(*) FROM people_person"
            )
            authority_id, bypass, visible = cursor.fetchone()
        values |= {"authority_id": authority_id, "bypass": bypass, "visible": visible}
    return HttpResponse(json.dumps(values), content_type="application/json")


urlpatterns = [
    path("probe/person/<uuid:pk>/", person_scoped, name="probe_person"),
    path("probe/person/<uuid:pk>/unscoped/", person_unscoped, name="probe_person_unscoped"),
    path("probe/database/", database_settings, name="probe_database"),
    path("", include("gofal.urls")),
]
