"""Authentication by API key: `Authorization: Bearer <key>`, keys stored hashed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from regisseur.accounts.roles import NO_ORGANISATION_MESSAGE, has_organisation
from regisseur.api.errors import ApiError
from regisseur.api.models import ApiKey, hash_key

# Recording every use would turn each read into a write; once a minute says enough.
LAST_USED_PRECISION = timedelta(minutes=1)
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        token = token.strip()
        if not token or len(token) > 200:
            return None
        api_key = (
            ApiKey.objects.select_related("user")
            .filter(key_hash=hash_key(token), is_active=True, user__is_active=True)
            .first()
        )
        if api_key is None:
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
