app_name = "institutions"

urlpatterns = []
