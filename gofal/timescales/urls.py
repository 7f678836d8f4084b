from django.urls import path

from gofal.timescales import views

app_name = "timescales"
urlpatterns = [
    path(
        "timescales/deadlines/<uuid:deadline_id>/",
        views.deadline_detail,
        name="deadline_detail",
    ),
    path(
        "timescales/deadlines/<uuid:deadline_id>/exceptions/<uuid:exception_id>/decide/",
        views.exception_decide,
        name="exception_decide",
    ),
]
