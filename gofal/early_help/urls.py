from django.urls import path

from gofal.early_help import views

app_name = "early_help"
urlpatterns = [
    path("early-help/services/", views.directory, name="directory"),
    path("early-help/services/new/", views.service_new, name="service_new"),
    path("early-help/handovers/", views.handovers, name="handovers"),
    path("early-help/handovers/<uuid:handover_id>/", views.handover_detail, name="handover_detail"),
    path("people/<uuid:person_id>/early-help/", views.child_early_help, name="child"),
    path("people/<uuid:person_id>/early-help/start/", views.episode_start, name="episode_start"),
    path("people/<uuid:person_id>/early-help/end/", views.episode_end, name="episode_end"),
    path("people/<uuid:person_id>/early-help/plan/", views.plan_new, name="plan_new"),
    path("people/<uuid:person_id>/early-help/handover/", views.handover_new, name="handover_new"),
]
