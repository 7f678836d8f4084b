from django.urls import path

from gofal.timescales import views

app_name = "timescales"
urlpatterns = [
    path("work/mine/", views.my_work, name="my_work"),
    path("work/team/", views.team_work, name="team_work"),
    path("work/council/", views.council_work, name="council_work"),
    path(
        "work/council/timeliness/children/",
        views.timeliness_children,
        name="timeliness_children",
    ),
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
    path("timescales/rules/", views.rule_list, name="rule_list"),
    path(
        "timescales/rules/<slug:code>/versions/add/",
        views.rule_version_add,
        name="rule_version_add",
    ),
    path(
        "timescales/rules/<slug:code>/local-standard/",
        views.local_standard_set,
        name="local_standard_set",
    ),
    path("timescales/closures/", views.closure_list, name="closure_list"),
    path(
        "timescales/closures/<uuid:closure_id>/remove/",
        views.closure_remove,
        name="closure_remove",
    ),
]
