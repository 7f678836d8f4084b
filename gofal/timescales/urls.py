app_name = "timescales"
urlpatterns: list = []
