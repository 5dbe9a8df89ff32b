from django.urls import path

from regisseur.messaging import views

app_name = "messaging"
urlpatterns = [
    path("interviews/communicate/", views.communicate_bulk, name="communicate_bulk"),
    path("interviews/<int:pk>/communicate/<str:audience>/", views.communicate, name="communicate"),
    path("messages/<int:pk>/", views.message_detail, name="message_detail"),
    path("messages/<int:pk>/retry/", views.message_retry, name="message_retry"),
    path("settings/", views.settings_index, name="settings"),
    path("settings/templates/", views.template_list, name="template_list"),
    path("settings/templates/new/", views.template_edit, name="template_create"),
    path("settings/templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("settings/profiles/", views.profile_list, name="profile_list"),
    path("settings/profiles/new/", views.profile_edit, name="profile_create"),
    path("settings/profiles/<int:pk>/", views.profile_edit, name="profile_edit"),
]
