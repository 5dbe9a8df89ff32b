"""Regisseur settings: everything an operator can change comes from the environment.

A wrong value stops start-up with a message naming the variable (see env.py).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from regisseur.core.env import (
    ConfigurationError,
    database_config,
    email_config,
    env_base_url,
    env_bool,
    env_clock_time,
    env_int,
    env_str,
    env_time_zone,
    sms_url,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("REGISSEUR_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("REGISSEUR_TESTING", False)


def _secret_key() -> str:
    value = os.environ.get("SECRET_KEY", "")
    if value:
        if len(value) < 32:
            raise ConfigurationError("SECRET_KEY", "must be at least 32 characters long")
        return value
    if os.environ.get("REGISSEUR_KEYLESS_COMMAND") == "1":
        # Set by `regisseur manage` for commands that sign nothing (makemigrations, …).
        return secrets.token_urlsafe(50)
    if not (DEBUG or TESTING):
        raise ConfigurationError("SECRET_KEY", "is required when DEBUG is off")
    # Development only: one random key kept under var/ so sessions survive restarts.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
BASE_URL = env_base_url("BASE_URL", "http://127.0.0.1:8000")
PORT = env_int("PORT", 8000, minimum=1, maximum=65535)

ALLOWED_HOSTS = [h.strip() for h in env_str("ALLOWED_HOSTS", "").split(",") if h.strip()]
if not ALLOWED_HOSTS:
    from urllib.parse import urlsplit

    ALLOWED_HOSTS = [urlsplit(BASE_URL).hostname or "localhost", "127.0.0.1", "localhost"]
    if DEBUG or TESTING:
        ALLOWED_HOSTS.append("testserver")
CSRF_TRUSTED_ORIGINS = [BASE_URL]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "regisseur.core",
    "regisseur.accounts",
    "regisseur.recruitment",
    "regisseur.interviews",
    "regisseur.messaging",
    "regisseur.responses",
    "regisseur.reminders",
    "regisseur.api",
    "regisseur.web",
    "regisseur.backoffice",
    "regisseur.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Around everything else: every error under /api/ is the JSON envelope, whatever answered it.
    "regisseur.api.middleware.ApiErrorEnvelopeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regisseur.accounts.middleware.UserPreferencesMiddleware",
    "regisseur.accounts.middleware.OrganisationRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# The largest request body read (Django's default, said out loud): far above the largest valid
# request (1,000 candidates planned at once, a 20,000-character message); a larger one is refused
# before it is read (413 in the API's envelope, see api.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

ROOT_URLCONF = "regisseur.config.urls"
WSGI_APPLICATION = "regisseur.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]

DATABASES = {"default": database_config("DATABASE_URL", f"sqlite:///{VAR_DIR / 'regisseur.sqlite3'}")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Internationalisation: Dutch first. Dates are day-first in both languages (see formats/).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["regisseur.config.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Amsterdam"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
# In development and tests files come from the apps (finders), so var/static need not exist.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Security: secure cookies whenever the public address is https.
_https = BASE_URL.startswith("https://")
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if _https and not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Mail
globals().update(email_config("EMAIL_URL", "console://"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "recruitment@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SMS_URL = sms_url("SMS_URL", "console://")

# Reminders (seed 004): sent at this local time, that many calendar days before.
REMINDER_TIME_ZONE = env_time_zone("REMINDER_TIME_ZONE", "Europe/Amsterdam")
REMINDER_SEND_TIME = env_clock_time("REMINDER_SEND_TIME", "09:00")

# Background work: Django's tasks API with the database backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# The outbox (messaging.delivery): a message left "sending" this long by a worker that died
# is sent again; `regisseur worker` looks at the outbox and the reminders this often, even
# when nothing else happens (stale claims, a mail server back after an outage).
OUTBOX_CLAIM_SECONDS = env_int("OUTBOX_CLAIM_SECONDS", 600, minimum=1, maximum=24 * 3600)
OUTBOX_SWEEP_SECONDS = env_int("OUTBOX_SWEEP_SECONDS", 20, minimum=1, maximum=600)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
