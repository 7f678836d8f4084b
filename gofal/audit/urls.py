from django.urls import path

from gofal.audit import views

app_name = "audit"
urlpatterns = [
    path("audit/staff-activity/", views.staff_activity, name="staff_activity"),
]
