"""Counting requests per client address, to slow down guessing (API keys, answer links).

Counters live in Django's default cache, which settings point at the database so that
every gunicorn worker and every server counts together. Windows are fixed (a new count
every `window`): simple and cheap, at the price of letting up to twice the limit through
around the turn of a window, which still turns millions of guesses into a handful.
The database cache's `incr` is a read and a write, so two requests at the same instant
may count as one; a throttle can afford that.

Sign-in is throttled by django-axes (settings), which asks `client_ip` for the address.
"""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest


@dataclass(frozen=True)
class Limit:
    """At most `count` requests per client in each `window`."""

    name: str
    count: int
    window: timedelta

    @property
    def seconds(self) -> int:
        return max(1, int(self.window.total_seconds()))


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the one our own nearest proxy put in X-Forwarded-For.

    With TRUSTED_PROXY_COUNT proxies in front, each appends the address it saw to
    X-Forwarded-For, so the client's is that many from the right; anything further left
    is whatever the client chose to send, and would let it pick a new address per request.
    Only a real address is returned (django-axes stores it in an address column), or ""
    for a request without one (a test's `force_login`).
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies and _is_address(hops[-proxies]):
            return hops[-proxies]
    remote = str(request.META.get("REMOTE_ADDR") or "")
    return remote if _is_address(remote) else ""


def _is_address(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def _window(limit: Limit, now: float) -> tuple[int, int]:
    """The current window's number and the seconds until it ends (at least 1)."""
    number = int(now // limit.seconds)
    return number, max(1, math.ceil((number + 1) * limit.seconds - now))


def _key(limit: Limit, client: str, number: int) -> str:
    return f"throttle:{limit.name}:{number}:{client}"


def wait_seconds(limit: Limit, client: str) -> int | None:
    """Seconds until `client` may try again, or None while it is under the limit."""
    number, remaining = _window(limit, time.time())
    count = cache.get(_key(limit, client, number), 0)
    return remaining if count >= limit.count else None


def count(limit: Limit, client: str) -> int:
    """Count one request by `client` in the current window; the count so far."""
    number, _remaining = _window(limit, time.time())
    key = _key(limit, client, number)
    # The key lives one window longer than needed, so that it never expires mid-window.
    cache.add(key, 0, timeout=2 * limit.seconds)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr: this request starts the count
        cache.set(key, 1, timeout=2 * limit.seconds)
        return 1


def hit(limit: Limit, client: str) -> int | None:
    """Count a request and say how long to wait if it is over the limit (None: go ahead)."""
    if count(limit, client) > limit.count:
        return _window(limit, time.time())[1]
    return None
