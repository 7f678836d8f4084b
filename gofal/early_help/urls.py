from django.urls import path

from gofal.early_help import views

app_name = "early_help"
urlpatterns = [
    path("early-help/services/", views.directory, name="directory"),
    path("early-help/services/new/", views.service_new, name="service_new"),
]
