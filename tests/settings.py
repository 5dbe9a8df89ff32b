"""Test settings: the real settings, read with test defaults for the environment."""

import os

os.environ.setdefault("REGISSEUR_TESTING", "1")
os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
os.environ.setdefault("EMAIL_URL", "locmem://")
os.environ.setdefault("SMS_URL", "locmem://")

from regisseur.config.settings import *  # noqa: F403

# Tests read pages in English unless they test Dutch on purpose (tests/web/test_language.py);
# the personas' profiles are English too. The product's default stays Dutch.
LANGUAGE_CODE = "en"

# Throttle counters in this process's memory (cleared before every test, tests/conftest.py);
# tests/core/test_throttling.py runs them over the database cache that production uses.
# Uploaded documents go to a folder of this test run, never into var/.
MEDIA_ROOT = __import__("tempfile").mkdtemp(prefix="regisseur-media-")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
