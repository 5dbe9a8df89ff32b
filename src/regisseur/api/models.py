from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

KEY_PREFIX = "rgs_"


def hash_key(key: str) -> str:
    # Keys carry 256 random bits, so a fast hash is enough; no salt is needed.
    return hashlib.sha256(key.encode()).hexdigest()


class ApiKey(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_keys")
    name = models.CharField(_("name"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=12, help_text=_("The first characters, to recognise a key."))
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, *, user: object, name: str = "") -> tuple[ApiKey, str]:
        """Create a key; the plain key is returned once and never stored."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        api_key = cls.objects.create(user=user, name=name, key_hash=hash_key(key), prefix=key[:12])
        return api_key, key
