from django.urls import path

from gofal.ui import views

app_name = "ui"
urlpatterns = [
    path("", views.home, name="home"),
    path("i18n/<str:language>/", views.language_switch, name="language"),
    path("notifications/", views.notification_list, name="notifications"),
    path(
        "notifications/<uuid:notification_id>/read/",
        views.notification_read,
        name="notification_read",
    ),
]
