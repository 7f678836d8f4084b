from django.urls import path

from gofal.people import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_search, name="person_search"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/break-glass/", views.break_glass, name="break_glass"),
    path("people/<uuid:person_id>/", views.person_detail, name="person_detail"),
    path("people/<uuid:person_id>/edit/", views.person_edit, name="person_edit"),
    path("people/<uuid:person_id>/access/", views.person_access, name="person_access"),
    path(
        "people/<uuid:person_id>/access/<uuid:user_id>/revoke/",
        views.person_access_revoke,
        name="person_access_revoke",
    ),
    path("people/<uuid:person_id>/names/add/", views.name_add, name="name_add"),
    path("people/<uuid:person_id>/names/<uuid:row_id>/end/", views.name_end, name="name_end"),
    path("people/<uuid:person_id>/addresses/add/", views.address_add, name="address_add"),
    path(
        "people/<uuid:person_id>/addresses/<uuid:row_id>/end/",
        views.address_end,
        name="address_end",
    ),
    path("people/<uuid:person_id>/contacts/add/", views.contact_add, name="contact_add"),
    path(
        "people/<uuid:person_id>/contacts/<uuid:row_id>/end/",
        views.contact_end,
        name="contact_end",
    ),
    path("people/<uuid:person_id>/warnings/add/", views.warning_add, name="warning_add"),
    path(
        "people/<uuid:person_id>/warnings/<uuid:row_id>/end/",
        views.warning_end,
        name="warning_end",
    ),
    path(
        "people/<uuid:person_id>/relationships/add/",
        views.relationship_add,
        name="relationship_add",
    ),
    path(
        "people/<uuid:person_id>/relationships/<uuid:row_id>/end/",
        views.relationship_end,
        name="relationship_end",
    ),
]
