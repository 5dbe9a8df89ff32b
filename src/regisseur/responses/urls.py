from django.urls import path

from regisseur.responses import views

app_name = "responses"
urlpatterns = [
    path("r/<str:token>/", views.answer, name="answer"),
]
