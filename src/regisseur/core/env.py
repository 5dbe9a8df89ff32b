"""Typed readers for environment variables that fail loudly, naming the variable."""

from __future__ import annotations

import os
import re
import zoneinfo
from dataclasses import dataclass
from datetime import time
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit


class ConfigurationError(Exception):
    """A configuration variable has a value Regisseur cannot use."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"Configuration error in {name}: {problem}")
        self.name = name


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(name, f"expected true/false (1/0), got {raw!r}")


def env_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(name, f"expected a whole number, got {raw!r}") from None
    if not minimum <= value <= maximum:
        raise ConfigurationError(name, f"expected a number from {minimum} to {maximum}, got {value}")
    return value


def env_time_zone(name: str, default: str) -> str:
    value = os.environ.get(name) or default
    try:
        zoneinfo.ZoneInfo(value)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ConfigurationError(name, f"unknown IANA time zone {value!r}") from None
    return value


def env_clock_time(name: str, default: str) -> time:
    value = os.environ.get(name) or default
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if not match:
        raise ConfigurationError(name, f"expected a time as HH:MM, got {value!r}")
    return time(int(match.group(1)), int(match.group(2)))


def env_base_url(name: str, default: str) -> str:
    value = (os.environ.get(name) or default).rstrip("/")
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ConfigurationError(name, f"expected an http(s) address such as https://jobs.example.com, got {value!r}")
    return value


def database_config(name: str, default: str) -> dict[str, object]:
    import dj_database_url

    value = os.environ.get(name) or default
    scheme = urlsplit(value).scheme
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ConfigurationError(name, f"expected sqlite:///path or postgres://user@host/db, got {value!r}")
    try:
        config: dict[str, object] = dict(dj_database_url.parse(value, conn_max_age=60))
    except Exception as error:  # dj_database_url raises several kinds
        raise ConfigurationError(name, f"cannot parse {value!r}: {error}") from None
    if scheme == "sqlite":
        # A busy timeout lets the web process and the worker share one SQLite file. The
        # write-ahead log lets them read while the other writes, and a commit need not wait
        # for the disk (synchronous=NORMAL): a killed process loses nothing committed; only
        # a power cut may lose the last commits. The outbox commits once per message sent.
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
        # Kept open between requests like PostgreSQL's: opening the file and setting the
        # pragmas again cost more than the rest of a small API read (docs/performance.md).
        config["CONN_MAX_AGE"] = 60
    return config


def email_config(name: str, default: str) -> dict[str, object]:
    """Translate EMAIL_URL into Django's EMAIL_* settings."""
    value = os.environ.get(name) or default
    parts = urlsplit(value)
    scheme = parts.scheme
    if scheme == "console":
        return {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}
    if scheme == "locmem":
        return {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
    if scheme == "file":
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": unquote(parts.path),
        }
    if scheme in {"smtp", "smtp+tls", "smtps", "smtp+ssl"}:
        if not parts.hostname:
            raise ConfigurationError(name, f"the SMTP address has no host: {value!r}")
        try:
            port = parts.port
        except ValueError:
            raise ConfigurationError(name, f"the SMTP port is not a number: {value!r}") from None
        use_ssl = scheme in {"smtps", "smtp+ssl"}
        use_tls = scheme == "smtp+tls"
        return {
            # Django's SMTP backend, sending the outbox with less work per message.
            "EMAIL_BACKEND": "regisseur.messaging.backends.FastSmtpBackend",
            "EMAIL_HOST": parts.hostname,
            "EMAIL_PORT": port or (465 if use_ssl else 587 if use_tls else 25),
            "EMAIL_HOST_USER": unquote(parts.username or ""),
            "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
            "EMAIL_USE_TLS": use_tls,
            "EMAIL_USE_SSL": use_ssl,
            "EMAIL_TIMEOUT": 20,
        }
    if scheme.startswith("anymail+"):
        return _anymail_config(name, parts)
    raise ConfigurationError(
        name,
        f"expected console://, smtp://host:port, smtp+tls://user:pass@host:587 or anymail+PROVIDER://KEY@, "
        f"got {value!r}",
    )


# The setting django-anymail reads the user part of the address into, where it is not API_KEY.
ANYMAIL_KEY_SETTING = {"postmark": "SERVER_TOKEN", "postal": "API_KEY", "amazon_ses": ""}


def _anymail_config(name: str, parts: SplitResult) -> dict[str, object]:
    """anymail+PROVIDER://KEY[:SECRET]@[?option=value…] as django-anymail's settings.

    PROVIDER is the module in anymail.backends (mailgun, sendgrid, postmark, brevo,
    amazon_ses, test…); KEY becomes <PROVIDER>_API_KEY (Postmark: _SERVER_TOKEN), SECRET
    <PROVIDER>_SECRET_KEY (Mailjet), and each option <PROVIDER>_<OPTION> (for example
    ?sender_domain=mg.example.com → MAILGUN_SENDER_DOMAIN). Parts a provider cannot send
    (most do not take a text/calendar alternative) are left out rather than refused: the
    invitation still travels as the invite.ics attachment.
    """
    provider = parts.scheme.split("+", 1)[1]
    if not re.fullmatch(r"[a-z][a-z0-9_]*", provider):
        raise ConfigurationError(name, f"expected anymail+PROVIDER:// (mailgun, sendgrid…), got {provider!r}")
    prefix = provider.upper()
    anymail: dict[str, object] = {"IGNORE_UNSUPPORTED_FEATURES": True}
    key_setting = ANYMAIL_KEY_SETTING.get(provider, "API_KEY")
    if parts.username and key_setting:
        anymail[f"{prefix}_{key_setting}"] = unquote(parts.username)
    if parts.password:
        anymail[f"{prefix}_SECRET_KEY"] = unquote(parts.password)
    for option, values in parse_qs(parts.query, keep_blank_values=True).items():
        if not re.fullmatch(r"[a-z][a-z0-9_]*", option):
            raise ConfigurationError(name, f"unknown option {option!r} for anymail+{provider}://")
        anymail[f"{prefix}_{option.upper()}"] = values[-1]
    return {"EMAIL_BACKEND": f"anymail.backends.{provider}.EmailBackend", "ANYMAIL": anymail}


# The SMS gateways Regisseur speaks, by the scheme of SMS_URL; "+http" talks plain HTTP
# to the given host (a local test server), never to be used over the internet.
SMS_GATEWAYS = {"messagebird": "rest.messagebird.com", "twilio": "api.twilio.com"}
SMS_URL_EXAMPLES = (
    "console://, locmem://, messagebird://ACCESSKEY@rest.messagebird.com?originator=Regisseur "
    "or twilio://ACCOUNTSID:AUTHTOKEN@api.twilio.com?from=+3197010000000"
)
_ORIGINATOR = re.compile(r"\+?[0-9]{1,17}|[A-Za-z0-9][A-Za-z0-9 ]{0,10}")


@dataclass(frozen=True)
class SmsGateway:
    """SMS_URL taken apart: which backend, where, with which credentials and sender."""

    kind: str  # console, locmem, messagebird or twilio
    base_url: str = ""  # scheme://host[:port] of an HTTP gateway
    username: str = ""  # MessageBird's access key, Twilio's account SID
    password: str = ""  # Twilio's auth token
    sender: str = ""  # MessageBird's originator, Twilio's From (a number, a sender name or an MG… service id)


def parse_sms_url(value: str) -> SmsGateway:
    """SMS_URL as an SmsGateway; ValueError saying what is wrong (secrets left out)."""
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in {"console", "locmem"}:
        return SmsGateway(kind=scheme)
    kind, _, transport = scheme.partition("+")
    if kind not in SMS_GATEWAYS or transport not in {"", "http", "https"}:
        raise ValueError(f"unknown scheme {parts.scheme + '://'!r}; expected {SMS_URL_EXAMPLES}")
    try:
        port = parts.port
    except ValueError:
        raise ValueError("the port is not a number") from None
    host = parts.hostname or SMS_GATEWAYS[kind]
    base_url = f"{transport or 'https'}://{host}" + (f":{port}" if port else "")
    # A "+" in the query is the start of a phone number here, never an encoded space.
    options = parse_qs(parts.query.replace("+", "%2B"), keep_blank_values=True)
    allowed = {"messagebird": {"originator"}, "twilio": {"from"}}[kind]
    if unknown := sorted(set(options) - allowed):
        raise ValueError(f"unknown option {unknown[0]!r}; {kind} takes {', '.join(sorted(allowed))}")
    sender = (options.get(next(iter(allowed))) or [""])[-1].strip()
    username, password = unquote(parts.username or ""), unquote(parts.password or "")
    if kind == "messagebird":
        if not username:
            raise ValueError("the MessageBird access key is missing: messagebird://ACCESSKEY@rest.messagebird.com")
        if not _ORIGINATOR.fullmatch(sender):
            raise ValueError(
                "?originator= must be a phone number (up to 17 digits) or a name of up to 11 letters and digits"
            )
    else:
        if not username.startswith("AC") or not password:
            raise ValueError("expected twilio://ACCOUNTSID:AUTHTOKEN@api.twilio.com (the SID starts with AC)")
        if not (sender.startswith("MG") or _ORIGINATOR.fullmatch(sender)):
            raise ValueError("?from= must be a number in international format (+31…), a sender name or an MG… id")
    return SmsGateway(kind=kind, base_url=base_url, username=username, password=password, sender=sender)


def sms_url(name: str, default: str) -> str:
    value = os.environ.get(name) or default
    try:
        parse_sms_url(value)
    except ValueError as problem:
        # Never repeat the value itself: it holds the gateway's credentials.
        raise ConfigurationError(name, str(problem)) from None
    return value
