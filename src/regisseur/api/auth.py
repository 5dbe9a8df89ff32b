"""Authentication by API key: `Authorization: Bearer <key>`, keys stored hashed.

Resolving a key costs a query for the key and its user and one for the user's roles, and the
throttle's check costs one more (its counters live in the database cache). A client that
calls the API in a loop would pay these on every call, more than the call itself reads
(docs/performance.md). So each process remembers, for KNOWN_SECONDS:
- a key that worked, with its user and roles: the user is built anew for each request from
  the remembered values, never shared between requests;
- an address that was under the throttle's limit.
What changes meanwhile takes effect within those seconds in every process, and at once in the
process that made the change: saving or deleting a key or a user, or changing a user's roles,
forgets everything remembered here (signals), and so does a wrong key from an address.
"""

from __future__ import annotations

import dataclasses
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja.security import HttpBearer

from regisseur.accounts.models import User
from regisseur.accounts.roles import NO_ORGANISATION_MESSAGE, has_organisation, role_names
from regisseur.api.errors import ApiError
from regisseur.api.models import ApiKey, hash_key
from regisseur.core import throttling

# Recording every use would turn each read into a write; once a minute says enough.
LAST_USED_PRECISION = timedelta(minutes=1)
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
# Wrong keys from one address: after this many, every key from there is refused for the rest
# of the window, the right one too, so that guessing cannot go on and find it.
KEY_FAILURES = throttling.Limit("api-key-failures", 10, timedelta(minutes=15))
# How long a process goes on trusting what it learnt about a key or an address.
KNOWN_SECONDS = 5.0
# Far more keys and addresses than one process serves in KNOWN_SECONDS; beyond, it starts afresh.
KNOWN_LIMIT = 10_000


@dataclass(frozen=True)
class _KnownKey:
    expires: float
    key_id: int
    last_used_at: datetime | None
    user_fields: tuple[str, ...]
    user_values: tuple[Any, ...]
    roles: frozenset[str]

    def user(self) -> User:
        user = User.from_db("default", self.user_fields, self.user_values)
        user._role_names = self.roles  # type: ignore[attr-defined]  # what role_names() caches
        return user


# Seconds that only go forward (a test moves it to see what is forgotten).
_clock = time.monotonic
_lock = threading.Lock()
_known_keys: dict[str, _KnownKey] = {}
_allowed_addresses: dict[str, float] = {}


def forget_known() -> None:
    """Forget every key and address this process remembers (a key, user or role changed)."""
    with _lock:
        _known_keys.clear()
        _allowed_addresses.clear()


def _forget(**_kwargs: Any) -> None:
    forget_known()


post_save.connect(_forget, sender=ApiKey, dispatch_uid="api-auth-key-saved")
post_delete.connect(_forget, sender=ApiKey, dispatch_uid="api-auth-key-deleted")
post_save.connect(_forget, sender=User, dispatch_uid="api-auth-user-saved")
post_delete.connect(_forget, sender=User, dispatch_uid="api-auth-user-deleted")
m2m_changed.connect(_forget, sender=User.groups.through, dispatch_uid="api-auth-roles-changed")


def _remember(table: dict[str, Any], key: str, value: Any) -> None:
    with _lock:
        if len(table) >= KNOWN_LIMIT:
            table.clear()
        table[key] = value


def _refused_for(client: str) -> int | None:
    """Seconds the address must wait after too many wrong keys, or None."""
    now = _clock()
    if _allowed_addresses.get(client, 0.0) > now:
        return None
    wait = throttling.wait_seconds(KEY_FAILURES, client)
    if wait is None:
        _remember(_allowed_addresses, client, now + KNOWN_SECONDS)
    return wait


def _look_up(key_hash: str) -> _KnownKey | None:
    now = _clock()
    known = _known_keys.get(key_hash)
    if known is not None and known.expires > now:
        return known
    api_key = (
        ApiKey.objects.select_related("user").filter(key_hash=key_hash, is_active=True, user__is_active=True).first()
    )
    if api_key is None:
        return None
    user = api_key.user
    fields = tuple(field.attname for field in User._meta.concrete_fields)
    known = _KnownKey(
        expires=now + KNOWN_SECONDS,
        key_id=api_key.pk,
        last_used_at=api_key.last_used_at,
        user_fields=fields,
        user_values=tuple(getattr(user, name) for name in fields),
        roles=role_names(user),
    )
    _remember(_known_keys, key_hash, known)
    return known


def _record_use(key_hash: str, known: _KnownKey) -> None:
    now = timezone.now()
    if known.last_used_at is not None and now - known.last_used_at <= LAST_USED_PRECISION:
        return
    ApiKey.objects.filter(pk=known.key_id).update(last_used_at=now)
    with _lock:
        if _known_keys.get(key_hash) is known:
            _known_keys[key_hash] = dataclasses.replace(known, last_used_at=now)


class ApiKeyAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        client = throttling.client_ip(request)
        wait = _refused_for(client)
        if wait is not None:
            raise ApiError(
                429,
                "too_many_requests",
                _("Too many wrong API keys from your address. Try again in %(seconds)d seconds.") % {"seconds": wait},
                retry_after=wait,
            )
        token = token.strip()
        known = None
        if token and len(token) <= 200:
            key_hash = hash_key(token)
            known = _look_up(key_hash)
        if known is None:
            with _lock:
                _allowed_addresses.pop(client, None)
            throttling.count(KEY_FAILURES, client)
            return None
        _record_use(key_hash, known)
        user = known.user()
        # Services take the actor explicitly; request.user keeps other code (logging, checks) truthful.
        request.user = user
        # Checked here, before any body or id is looked at, so that every write answers the
        # same: the operator's superuser (no organisation) learns which user to use instead.
        if request.method not in READ_METHODS and not has_organisation(user):
            raise ApiError(403, "no_organisation", str(NO_ORGANISATION_MESSAGE))
        return user
