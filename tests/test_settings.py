"""A wrong environment value stops start-up with a message that names the variable."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import time
from pathlib import Path

import pytest

from regisseur.core import env
from regisseur.core.env import ConfigurationError

# Variables the test process itself sets (tests/settings.py) or inherits; each case starts clean.
CONFIG_VARIABLES = [
    "DATABASE_URL",
    "EMAIL_URL",
    "SMS_URL",
    "BASE_URL",
    "PORT",
    "SECRET_KEY",
    "DEFAULT_FROM_EMAIL",
    "REMINDER_TIME_ZONE",
    "REMINDER_SEND_TIME",
    "ALLOWED_HOSTS",
    "DEBUG",
    "REGISSEUR_TESTING",
    "DJANGO_SETTINGS_MODULE",
]


def start(tmp_path: Path, *command: str, **variables: str) -> subprocess.CompletedProcess[str]:
    """`regisseur manage check` (or `command`) in a fresh process with a development environment plus `variables`."""
    environment = {key: value for key, value in os.environ.items() if key not in CONFIG_VARIABLES}
    environment.update(
        {
            "DEBUG": "1",
            "REGISSEUR_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        }
    )
    environment.update(variables)
    environment = {key: value for key, value in environment.items() if value != "<unset>"}
    return subprocess.run(
        [sys.executable, "-m", "regisseur.cli", "manage", *(command or ("check",))],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_correct_development_environment_starts(tmp_path):
    result = start(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "abc"),
        ("PORT", "70000"),
        ("DATABASE_URL", "mysql://x"),
        ("EMAIL_URL", "bogus://"),
        ("EMAIL_URL", "smtp://:25"),
        ("SMS_URL", "carrier-pigeon://"),
        ("BASE_URL", "jobs.example.com"),
        ("REMINDER_SEND_TIME", "25:00"),
        ("REMINDER_TIME_ZONE", "Mars/Base"),
        ("DEBUG", "maybe"),
        ("SECRET_KEY", "too-short"),
    ],
)
def test_a_wrong_value_stops_start_up_naming_the_variable(tmp_path, name, value):
    result = start(tmp_path, **{name: value})
    assert result.returncode != 0
    assert name in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_secret_key_outside_debug_stops_start_up(tmp_path):
    result = start(tmp_path, DEBUG="0", SECRET_KEY="<unset>")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_checking_for_missing_migrations_needs_no_secret_key(tmp_path):
    # makemigrations signs nothing, so CI and developers can run it without production secrets.
    result = start(tmp_path, "makemigrations", "--check", "--dry-run", DEBUG="0", SECRET_KEY="<unset>")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


def test_production_starts_with_a_secret_key(tmp_path):
    result = start(tmp_path, DEBUG="0", SECRET_KEY="x" * 50, BASE_URL="https://jobs.example.com")
    assert result.returncode == 0, result.stderr


# -- the readers themselves ---------------------------------------------------------------


def test_env_bool_reads_the_usual_spellings(monkeypatch):
    for raw, expected in [("1", True), ("yes", True), ("On", True), ("0", False), ("false", False), ("", True)]:
        monkeypatch.setenv("SOME_FLAG", raw)
        assert env.env_bool("SOME_FLAG", True) is expected
    monkeypatch.delenv("SOME_FLAG")
    assert env.env_bool("SOME_FLAG", False) is False


def test_env_int_checks_its_range(monkeypatch):
    monkeypatch.setenv("PORT", "8080")
    assert env.env_int("PORT", 8000, minimum=1, maximum=65535) == 8080
    monkeypatch.setenv("PORT", "0")
    with pytest.raises(ConfigurationError, match="PORT"):
        env.env_int("PORT", 8000, minimum=1, maximum=65535)


def test_env_clock_time_reads_hours_and_minutes(monkeypatch):
    monkeypatch.setenv("REMINDER_SEND_TIME", "7:30")
    assert env.env_clock_time("REMINDER_SEND_TIME", "09:00") == time(7, 30)
    monkeypatch.setenv("REMINDER_SEND_TIME", "09:60")
    with pytest.raises(ConfigurationError) as raised:
        env.env_clock_time("REMINDER_SEND_TIME", "09:00")
    assert raised.value.name == "REMINDER_SEND_TIME"


def test_env_time_zone_knows_iana_names(monkeypatch):
    monkeypatch.setenv("REMINDER_TIME_ZONE", "America/New_York")
    assert env.env_time_zone("REMINDER_TIME_ZONE", "Europe/Amsterdam") == "America/New_York"
    monkeypatch.setenv("REMINDER_TIME_ZONE", "../../etc/passwd")
    with pytest.raises(ConfigurationError, match="REMINDER_TIME_ZONE"):
        env.env_time_zone("REMINDER_TIME_ZONE", "Europe/Amsterdam")


def test_database_config_reads_sqlite_and_postgres(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@db.internal:5432/regisseur")
    config = env.database_config("DATABASE_URL", "sqlite:///x")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "regisseur"
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/regisseur.sqlite3")
    config = env.database_config("DATABASE_URL", "sqlite:///x")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"] == {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


def test_email_config_translates_smtp_addresses(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://mailer:p%40ss@smtp.example.com:587")
    config = env.email_config("EMAIL_URL", "console://")
    assert config["EMAIL_HOST"] == "smtp.example.com"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_PASSWORD"] == "p@ss"
    assert config["EMAIL_USE_TLS"] is True
    monkeypatch.setenv("EMAIL_URL", "smtp://mail.example.com:abc")
    with pytest.raises(ConfigurationError, match="EMAIL_URL"):
        env.email_config("EMAIL_URL", "console://")


def test_smtp_addresses_select_the_fast_smtp_backend(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "smtp://127.0.0.1:1025")
    backend = env.email_config("EMAIL_URL", "console://")["EMAIL_BACKEND"]
    assert backend == "regisseur.messaging.backends.FastSmtpBackend"


def test_anymail_addresses_become_the_providers_backend_and_settings(monkeypatch):
    monkeypatch.setenv("EMAIL_URL", "anymail+mailgun://key%2Fpart@?sender_domain=mg.example.com")
    config = env.email_config("EMAIL_URL", "console://")
    assert config["EMAIL_BACKEND"] == "anymail.backends.mailgun.EmailBackend"
    assert config["ANYMAIL"] == {
        "MAILGUN_API_KEY": "key/part",
        "MAILGUN_SENDER_DOMAIN": "mg.example.com",
        "IGNORE_UNSUPPORTED_FEATURES": True,
    }
    monkeypatch.setenv("EMAIL_URL", "anymail+postmark://token@")
    assert env.email_config("EMAIL_URL", "console://")["ANYMAIL"]["POSTMARK_SERVER_TOKEN"] == "token"
    monkeypatch.setenv("EMAIL_URL", "anymail+mail-gun://key@")
    with pytest.raises(ConfigurationError, match="EMAIL_URL"):
        env.email_config("EMAIL_URL", "console://")


def test_base_url_loses_its_trailing_slash(monkeypatch):
    monkeypatch.setenv("BASE_URL", "https://jobs.example.com/")
    assert env.env_base_url("BASE_URL", "http://127.0.0.1:8000") == "https://jobs.example.com"
