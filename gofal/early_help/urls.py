app_name = "early_help"
urlpatterns: list = []
