from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from regisseur.api.api import api

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("regisseur.recruitment.urls")),
    path("", include("regisseur.interviews.urls")),
    path("", include("regisseur.web.urls")),
]
