from django.urls import path

from regisseur.recruitment import views

app_name = "recruitment"
urlpatterns = [
    path("vacancies/", views.vacancy_list, name="vacancy_list"),
    path("vacancies/new/", views.vacancy_create, name="vacancy_create"),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/candidates/", views.vacancy_candidates, name="vacancy_candidates"),
    path("vacancies/<int:pk>/board/", views.vacancy_board, name="vacancy_board"),
    path("candidates/", views.candidate_list, name="candidate_list"),
    path("candidates/new/", views.candidate_create, name="candidate_create"),
    path("candidates/<int:pk>/", views.candidate_detail, name="candidate_detail"),
    path("candidates/<int:pk>/edit/", views.candidate_edit, name="candidate_edit"),
    path("candidates/<int:pk>/applications/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("applications/<int:pk>/move/", views.application_move, name="application_move"),
    path("applications/<int:pk>/status/", views.application_status, name="application_status"),
]
