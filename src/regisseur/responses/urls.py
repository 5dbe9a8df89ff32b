from django.urls import path

from regisseur.responses import views

app_name = "responses"
urlpatterns = [
    path("r/<str:token>/", views.answer, name="answer"),
    path("r/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("r/<str:token>/thanks/", views.thanks, name="thanks"),
]
