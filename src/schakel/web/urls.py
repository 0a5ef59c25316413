from django.urls import path

from schakel.web import views

app_name = "web"
urlpatterns = [path("", views.start, name="start")]
