"""Until the people app serves a person's page, give the identity bar's link somewhere to go."""

from django.http import HttpResponse
from django.urls import include, path

from gofal.urls import urlpatterns as project_patterns

people_stub = (
    [path("people/<uuid:pk>/", lambda request, pk: HttpResponse(), name="person_detail")],
    "people",
)
urlpatterns = [path("", include(people_stub)), *project_patterns]
