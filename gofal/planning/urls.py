from django.urls import path

from gofal.planning import views

app_name = "planning"
P = "people/<uuid:person_id>/plans/"
PL = P + "<uuid:plan_id>/"
urlpatterns = [
    path(P, views.plan_list, name="list"),
    path(P + "from/<uuid:assessment_id>/", views.plan_create, name="create"),
    path(PL, views.plan_detail, name="detail"),
    path(PL + "edit/", views.plan_edit, name="edit"),
    path(PL + "outcomes/new/", views.outcome_add, name="outcome_add"),
    path(PL + "actions/new/", views.action_add, name="action_add"),
    path(PL + "sharing/new/", views.sharing_add, name="sharing_add"),
    path(PL + "reviews/new/", views.review_add, name="review_add"),
    path(PL + "authorise/", views.plan_authorise, name="authorise"),
    path(PL + "end/", views.plan_end, name="end"),
    path(PL + "print/", views.plan_print, name="print"),
    path(PL + "agreements/new/", views.agreement_new, name="agreement_new"),
    path("written-agreements/", views.agreements, name="agreements"),
    path(
        "written-agreements/<uuid:agreement_id>/review/",
        views.agreement_review,
        name="agreement_review",
    ),
]
