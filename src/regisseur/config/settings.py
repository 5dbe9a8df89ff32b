"""Regisseur settings: everything an operator can change comes from the environment.

A wrong value stops start-up with a message naming the variable (see env.py).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path

from csp.constants import NONCE, NONE, SELF
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
    # Development only: one random key kept under var/ so sessions survive restarts. Never
    # inside the package: a key written there is one `git add` away from being published
    # and would ship in the wheel.
    key_file = VAR_DIR / "secret_key"
    if key_file.is_relative_to(PACKAGE_DIR):
        raise ConfigurationError(
            "REGISSEUR_VAR_DIR",
            f"{VAR_DIR} is inside the installed package; run from the project folder or set it elsewhere",
        )
    VAR_DIR.mkdir(parents=True, exist_ok=True)
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
    "axes",
    "regisseur.core",
    "regisseur.accounts",
    "regisseur.recruitment",
    "regisseur.interviews",
    "regisseur.messaging",
    "regisseur.responses",
    "regisseur.reminders",
    "regisseur.monitoring",
    "regisseur.evaluation",
    "regisseur.api",
    "regisseur.web",
    "regisseur.backoffice",
    "regisseur.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Around everything else: every error under /api/ is the JSON envelope, whatever answered it.
    "regisseur.api.middleware.ApiErrorEnvelopeMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "regisseur.accounts.middleware.UserPreferencesMiddleware",
    "regisseur.accounts.middleware.OrganisationRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "regisseur.accounts.middleware.PrivatePagesMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
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
# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "regisseur.accounts.backends.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
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
# Uploaded documents (CVs): never served as static files, only through a view that checks access.
MEDIA_ROOT = VAR_DIR / "media"
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

# Security: whenever the public address is https, cookies are secure, plain http is
# redirected to https and browsers are told to use nothing else (HSTS). Behind the proxy
# that ends TLS, X-Forwarded-Proto says whether the request came in over https.
_https = BASE_URL.startswith("https://")
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if _https:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 365 * 24 * 3600, minimum=0, maximum=2 * 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)

# Content-Security-Policy (django-csp): scripts only from our own static files, never inline.
# Styles likewise, except one <style> block per page that carries this request's nonce: the
# organisation's colours on the candidate's pages and the colour swatches of the profiles
# (values validated as #rrggbb). Images may come from any https host: an organisation's logo.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "https:", "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Throttling. Counters live in a cache every process shares: the database (the table is
# created by `migrate`, see core/apps.py). Django's default in-process cache would count per
# gunicorn worker, so the limits would be multiplied by the number of workers.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "regisseur_cache",
    }
}
# Clients are told apart by REMOTE_ADDR, or behind that many proxies of our own by the address
# the nearest of them saw (X-Forwarded-For, counted from the right; see core/throttling.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=5)
# Sign-in (the login page and the admin's): after 10 failures for one username, or from one
# address, within 15 minutes, that username or address is locked for 15 minutes.
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "regisseur.web.views.signing_in.locked_out"
AXES_CLIENT_IP_CALLABLE = "regisseur.core.throttling.client_ip"
# Successful sign-ins need no row of their own; failures are what the lockout counts.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no start-up banner in every command's output; lockouts are still logged

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

# Every record passes the one console handler, whose filter masks answer-link tokens
# (core/logs.py). Django's own loggers are named so that they lose the handlers of Django's
# default configuration, which would print requests' paths unmasked.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_tokens": {"()": "regisseur.core.logs.MaskTokens"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "regisseur.core.logs.StderrHandler", "formatter": "plain", "filters": ["mask_tokens"]}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django.db.backends": {"level": "INFO"},
    },
}
