from django.urls import include, path

urlpatterns = [
    path("", include("gofal.ui.urls")),
    path("", include("gofal.authorities.urls")),
    path("", include("gofal.people.urls")),
    path("", include("gofal.casework.urls")),
    path("", include("gofal.timescales.urls")),
    path("", include("gofal.audit.urls")),
    path("", include("gofal.front_door.urls")),
    path("", include("gofal.early_help.urls")),
    path("", include("gofal.risk.urls")),
    path("", include("gofal.assessments.urls")),
    path("", include("gofal.planning.urls")),
    path("", include("gofal.quality.urls")),
]
