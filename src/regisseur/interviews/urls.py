from django.urls import path

from regisseur.interviews import views

app_name = "interviews"
urlpatterns = [
    path("interviews/", views.overview, name="overview"),
    path("interviews/plan/", views.plan, name="plan"),
    path("interviews/invite/", views.invite, name="invite"),
    path("interviews/<int:pk>/", views.detail, name="detail"),
    path("interviews/<int:pk>/edit/", views.edit, name="edit"),
    path("interviews/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("interviews/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("interviews/<int:pk>/link/", views.link, name="link"),
]
