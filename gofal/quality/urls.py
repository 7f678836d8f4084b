from django.urls import path

from gofal.quality import views

app_name = "quality"
P = "people/<uuid:person_id>/oversight/"
urlpatterns = [
    path(P, views.oversight, name="oversight"),
    path(P + "new/", views.oversight_new, name="oversight_new"),
]
