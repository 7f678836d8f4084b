app_name = "front_door"
urlpatterns: list = []
