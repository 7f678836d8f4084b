from django.contrib.auth import views as auth_views
from django.urls import path

from gofal.authorities import views

app_name = "authorities"
urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("council/switch/", views.authority_switch, name="switch"),
]
