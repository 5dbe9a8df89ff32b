from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt

from regisseur.api.api import api


@csrf_exempt
def api_not_found(request: HttpRequest) -> JsonResponse:
    """Unknown API paths answer in the API's error format, not with an HTML page.

    Whatever the method: the API authenticates with bearer keys, not cookies, so CSRF does
    not apply to it (the API's own views are exempt too); the HTML pages keep their check.
    """
    return JsonResponse({"error": {"code": "not_found", "message": "No such API path.", "field": None}}, status=404)


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("regisseur.web.urls")),
]
