from django.urls import path

from gofal.casework import views

app_name = "casework"
P = "people/<uuid:person_id>/"
urlpatterns = [
    path("caseload/", views.my_caseload, name="my_caseload"),
    path("caseload/team/", views.team_caseload, name="team_caseload"),
    path(P + "chronology/", views.chronology, name="chronology"),
    path(P + "chronology/events/new/", views.significant_event_new, name="significant_event_new"),
    path(P + "notes/", views.notes, name="notes"),
    path(P + "notes/new/", views.note_new, name="note_new"),
    path(P + "notes/<uuid:note_id>/", views.note_detail, name="note_detail"),
    path(P + "notes/<uuid:note_id>/edit/", views.note_edit, name="note_edit"),
    path(P + "documents/", views.documents, name="documents"),
    path(P + "documents/new/", views.document_upload, name="document_upload"),
    path(
        P + "documents/<uuid:document_id>/download/",
        views.document_download,
        name="document_download",
    ),
    path(P + "involvement/", views.involvement, name="involvement"),
    path(P + "involvement/start/", views.involvement_start, name="involvement_start"),
    path(P + "involvement/end/", views.involvement_end, name="involvement_end"),
    path(P + "allocation/change/", views.allocation_change, name="allocation_change"),
    path(P + "viewed/", views.record_access, name="record_access"),
    path(P + "timescales/", views.child_deadlines, name="child_deadlines"),
]
