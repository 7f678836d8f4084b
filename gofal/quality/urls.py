from django.urls import path

from gofal.quality import views

app_name = "quality"
P = "people/<uuid:person_id>/oversight/"
urlpatterns = [
    path(P, views.oversight, name="oversight"),
    path(P + "new/", views.oversight_new, name="oversight_new"),
    path("quality/reports/", views.reports, name="reports"),
    path("quality/reports/plans/", views.report_plans, name="report_plans"),
    path("quality/reports/assessments/", views.report_assessments, name="report_assessments"),
    path("quality/reports/agreements/", views.report_agreements, name="report_agreements"),
    path("quality/reports/flags/", views.report_flags, name="report_flags"),
]
