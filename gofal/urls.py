from django.urls import include, path

urlpatterns = [
    path("", include("gofal.ui.urls")),
    path("", include("gofal.authorities.urls")),
]
