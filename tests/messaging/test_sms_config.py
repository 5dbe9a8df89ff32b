"""SMS_URL chooses the SMS backend; a wrong one stops start-up naming the variable, never its secrets."""

from __future__ import annotations

import pytest

from regisseur.core.env import ConfigurationError, SmsGateway, parse_sms_url, sms_url
from regisseur.messaging.sms_backends import (
    ConsoleBackend,
    LocmemBackend,
    MessageBirdBackend,
    TwilioBackend,
    get_sms_backend,
)
from tests.test_settings import start

TWILIO_SID = "AC" + "0" * 32


@pytest.mark.parametrize(
    ("url", "gateway"),
    [
        ("console://", SmsGateway(kind="console")),
        ("locmem://", SmsGateway(kind="locmem")),
        (
            "messagebird://live_key@rest.messagebird.com?originator=Regisseur",
            SmsGateway("messagebird", "https://rest.messagebird.com", "live_key", "", "Regisseur"),
        ),
        (
            "messagebird://live_key@?originator=%2B31612345678",
            SmsGateway("messagebird", "https://rest.messagebird.com", "live_key", "", "+31612345678"),
        ),
        (
            "messagebird+http://key@127.0.0.1:8025?originator=Acme%20Jobs",
            SmsGateway("messagebird", "http://127.0.0.1:8025", "key", "", "Acme Jobs"),
        ),
        (
            f"twilio://{TWILIO_SID}:to%2Fken@api.twilio.com?from=+3197010000000",
            SmsGateway("twilio", "https://api.twilio.com", TWILIO_SID, "to/ken", "+3197010000000"),
        ),
    ],
)
def test_a_correct_sms_url_is_taken_apart(url, gateway):
    assert parse_sms_url(url) == gateway


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("console://", ConsoleBackend),
        ("locmem://", LocmemBackend),
        ("messagebird://key@rest.messagebird.com?originator=Regisseur", MessageBirdBackend),
        (f"twilio://{TWILIO_SID}:token@api.twilio.com?from=Regisseur", TwilioBackend),
    ],
)
def test_the_scheme_chooses_the_backend(url, backend):
    assert type(get_sms_backend(url)) is backend


def test_the_backend_follows_the_setting(settings):
    settings.SMS_URL = "locmem://"
    assert isinstance(get_sms_backend(), LocmemBackend)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("carrier-pigeon://", "unknown scheme"),
        ("https://sms.example.com/send", "unknown scheme"),
        ("messagebird+ftp://key@host?originator=X", "unknown scheme"),
        ("messagebird://rest.messagebird.com?originator=Regisseur", "access key is missing"),
        ("messagebird://key@rest.messagebird.com", "originator"),
        ("messagebird://key@rest.messagebird.com?originator=Far%20too%20long%20a%20name", "originator"),
        ("messagebird://key@rest.messagebird.com?originator=X&form=1", "unknown option 'form'"),
        ("messagebird://key@rest.messagebird.com:http?originator=X", "port"),
        ("twilio://api.twilio.com?from=+3197010000000", "ACCOUNTSID:AUTHTOKEN"),
        (f"twilio://{TWILIO_SID}@api.twilio.com?from=+3197010000000", "ACCOUNTSID:AUTHTOKEN"),
        (f"twilio://{TWILIO_SID}:token@api.twilio.com", "?from="),
    ],
)
def test_a_wrong_sms_url_names_the_variable_and_the_problem(monkeypatch, url, problem):
    monkeypatch.setenv("SMS_URL", url)
    with pytest.raises(ConfigurationError) as wrong:
        sms_url("SMS_URL", "console://")
    assert wrong.value.name == "SMS_URL"
    assert str(wrong.value).startswith("Configuration error in SMS_URL: ")
    assert problem in str(wrong.value)


def test_the_error_does_not_repeat_the_credentials(monkeypatch):
    monkeypatch.setenv("SMS_URL", f"twilio://{TWILIO_SID}:very-secret-token@api.twilio.com")
    with pytest.raises(ConfigurationError) as wrong:
        sms_url("SMS_URL", "console://")
    assert "very-secret-token" not in str(wrong.value)


def test_a_wrong_sms_url_stops_start_up(tmp_path):
    result = start(tmp_path, SMS_URL="messagebird://key@rest.messagebird.com")
    assert result.returncode != 0
    assert "Configuration error in SMS_URL" in result.stderr


def test_a_gateway_sms_url_starts(tmp_path):
    result = start(tmp_path, SMS_URL="messagebird://key@rest.messagebird.com?originator=Regisseur")
    assert result.returncode == 0, result.stderr
