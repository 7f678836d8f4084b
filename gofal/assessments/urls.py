from django.urls import path

from gofal.assessments import views

app_name = "assessments"
P = "people/<uuid:person_id>/assessments/"
A = P + "<uuid:assessment_id>/"
urlpatterns = [
    path(P, views.assessment_list, name="list"),
    path(P + "start/", views.assessment_start, name="start"),
    path(A, views.assessment_detail, name="detail"),
    path(A + "sections/<slug:section>/", views.assessment_section, name="section"),
    path(A + "submit/", views.assessment_submit, name="submit"),
    path(A + "return/", views.assessment_return, name="return"),
    path(A + "authorise/", views.assessment_authorise, name="authorise"),
    path(A + "sharing/new/", views.assessment_share, name="share"),
    path("people/<uuid:person_id>/flags/", views.flags, name="flags"),
    path("session/keep-alive/", views.keep_alive, name="keep_alive"),
    path("people/<uuid:person_id>/flags/<uuid:flag_id>/end/", views.flag_end, name="flag_end"),
]
