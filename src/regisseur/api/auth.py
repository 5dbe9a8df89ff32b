"""Authentication by API key: `Authorization: Bearer <key>`, keys stored hashed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from regisseur.accounts.roles import NO_ORGANISATION_MESSAGE, has_organisation
from regisseur.api.errors import ApiError
from regisseur.api.models import ApiKey, hash_key
from regisseur.core import throttling

# Recording every use would turn each read into a write; once a minute says enough.
LAST_USED_PRECISION = timedelta(minutes=1)
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
# Wrong keys from one address: after this many, every key from there is refused for the rest
# of the window, the right one too, so that guessing cannot go on and find it.
KEY_FAILURES = throttling.Limit("api-key-failures", 10, timedelta(minutes=15))


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        client = throttling.client_ip(request)
        wait = throttling.wait_seconds(KEY_FAILURES, client)
        if wait is not None:
            raise ApiError(
                429,
                "too_many_requests",
                _("Too many wrong API keys from your address. Try again in %(seconds)d seconds.") % {"seconds": wait},
                retry_after=wait,
            )
        token = token.strip()
        api_key = None
        if token and len(token) <= 200:
            api_key = (
                ApiKey.objects.select_related("user")
                .filter(key_hash=hash_key(token), is_active=True, user__is_active=True)
                .first()
            )
        if api_key is None:
            throttling.count(KEY_FAILURES, client)
            return None
        now = timezone.now()
        if api_key.last_used_at is None or now - api_key.last_used_at > LAST_USED_PRECISION:
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        # Services take the actor explicitly; request.user keeps other code (logging, checks) truthful.
        request.user = api_key.user
        # Checked here, before any body or id is looked at, so that every write answers the
        # same: the operator's superuser (no organisation) learns which user to use instead.
        if request.method not in READ_METHODS and not has_organisation(api_key.user):
            raise ApiError(403, "no_organisation", str(NO_ORGANISATION_MESSAGE))
        return api_key.user
