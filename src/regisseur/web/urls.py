from django.urls import path

from regisseur.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
]
