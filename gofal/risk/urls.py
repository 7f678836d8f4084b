from django.urls import path

from gofal.risk import views

app_name = "risk"
P = "people/<uuid:person_id>/risk/"
R = P + "<uuid:risk_id>/"
urlpatterns = [
    path(P, views.risk_list, name="list"),
    path(P + "start/", views.risk_start, name="start"),
    path(R, views.risk_detail, name="detail"),
    path(R + "judgement/", views.risk_judgement, name="judgement"),
    path(R + "harms/new/", views.harm_new, name="harm_new"),
    path(R + "harms/<uuid:harm_id>/", views.harm_edit, name="harm_edit"),
    path(R + "harms/<uuid:harm_id>/remove/", views.harm_remove, name="harm_remove"),
    path(R + "harms/<uuid:harm_id>/flag/", views.harm_flag, name="harm_flag"),
    path(R + "actions/new/", views.action_new, name="action_new"),
    path(R + "actions/<uuid:action_id>/", views.action_edit, name="action_edit"),
    path(R + "actions/<uuid:action_id>/remove/", views.action_remove, name="action_remove"),
    path(R + "sharing/new/", views.sharing_new, name="sharing_new"),
    path(R + "complete/", views.risk_complete, name="complete"),
    path(R + "review/", views.risk_review, name="review"),
    path("risk/reviews/", views.reviews_due, name="reviews_due"),
]
