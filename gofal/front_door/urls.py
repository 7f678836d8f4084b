from django.urls import path

from gofal.front_door import views

app_name = "front_door"
C = "front-door/contacts/<uuid:contact_id>/"
urlpatterns = [
    path("front-door/", views.queue, name="queue"),
    path("front-door/contacts/new/", views.contact_new, name="contact_new"),
    path(C, views.contact_detail, name="contact_detail"),
    path(C + "people/add/", views.contact_add_person, name="contact_add_person"),
    path(C + "family/", views.contact_family, name="contact_family"),
    path(C + "confirmation/", views.confirmation_receive, name="confirmation_receive"),
    path(C + "decision/", views.decision_new, name="decision_new"),
    path(C + "decision/authorise/", views.decision_authorise, name="decision_authorise"),
    path(C + "feedback/<str:kind>/", views.feedback_new, name="feedback_new"),
    path(C + "sent/<uuid:feedback_id>/", views.feedback_detail, name="feedback_detail"),
    path(C + "disagreement/", views.disagreement, name="disagreement"),
    path("front-door/feedback/", views.feedback_outstanding, name="feedback_outstanding"),
    path("front-door/report/", views.report, name="report"),
    path("front-door/report/contacts/", views.report_contacts, name="report_contacts"),
    path("front-door/report/handovers/", views.report_handovers, name="report_handovers"),
    path("front-door/framework/", views.framework, name="framework"),
    path("front-door/framework/levels/new/", views.framework_level, name="framework_level_new"),
    path(
        "front-door/framework/levels/<uuid:level_id>/",
        views.framework_level,
        name="framework_level",
    ),
    path(
        "front-door/framework/levels/<uuid:level_id>/descriptors/new/",
        views.framework_descriptor,
        name="framework_descriptor_new",
    ),
    path(
        "front-door/framework/levels/<uuid:level_id>/descriptors/<uuid:descriptor_id>/",
        views.framework_descriptor,
        name="framework_descriptor",
    ),
    path("people/<uuid:person_id>/front-door/", views.person_contacts, name="person_contacts"),
    path(
        "people/<uuid:person_id>/front-door/notifications/new/",
        views.notification_new,
        name="notification_new",
    ),
]
