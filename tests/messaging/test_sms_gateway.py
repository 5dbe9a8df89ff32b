"""The HTTP gateways against a local server that checks requests as MessageBird and Twilio would.

FakeMessageBird and FakeTwilio are real HTTP servers on a free loopback port, each in
a thread: they check the credentials, the fields and the encoding, answer 201 with
the provider's JSON, or fail on request with the provider's error answers. The
delivery tests (test_sms_delivery.py) use them too.
"""

from __future__ import annotations

import base64
import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote

import pytest

from regisseur.messaging.sms import is_gsm7
from regisseur.messaging.sms_backends import GatewayError, TextMessage, get_sms_backend

MSISDN = re.compile(r"[1-9][0-9]{7,14}")
E164 = re.compile(r"\+[1-9][0-9]{7,14}")


class FakeGateway:
    """A provider's REST endpoint: `accepted` holds what it took, `requests` every request seen."""

    def __init__(self) -> None:
        self.accepted: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        self.connections: set[tuple[str, int]] = set()
        self.failures: list[tuple[int, dict[str, Any] | None]] = []  # answered first, in order
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as the providers do

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length)
                gateway.requests.append(("POST", self.path, dict(self.headers.items()), raw))
                gateway.connections.add(self.client_address)
                if gateway.failures:
                    status, answer = gateway.failures.pop(0)
                    if answer is None:  # the gateway takes the request and never answers
                        self.close_connection = True
                        return
                else:
                    status, answer = gateway.handle(self.path, self.headers, raw)
                body = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def fail_next(self, status: int, answer: dict[str, Any] | None, *, times: int = 1) -> None:
        self.failures.extend([(status, answer)] * times)

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def handle(self, path: str, headers: Any, raw: bytes) -> tuple[int, dict[str, Any]]:
        raise NotImplementedError


class FakeMessageBird(FakeGateway):
    """MessageBird's POST /messages: AccessKey auth, JSON or form fields, recipients as MSISDNs."""

    access_key = "test_gshuPaZoeEG6ovbc8M79w0QyM"

    def url(self, originator: str = "Regisseur") -> str:
        return f"messagebird+http://{self.access_key}@127.0.0.1:{self.port}?originator={quote(originator)}"

    @staticmethod
    def error(status: int, code: int, description: str, parameter: str | None = None) -> tuple[int, dict[str, Any]]:
        return status, {"errors": [{"code": code, "description": description, "parameter": parameter}]}

    def handle(self, path: str, headers: Any, raw: bytes) -> tuple[int, dict[str, Any]]:
        if path != "/messages":
            return self.error(404, 20, "message not found")
        if headers.get("Authorization") != f"AccessKey {self.access_key}":
            return self.error(401, 2, "Request not allowed (incorrect access_key)", "access_key")
        content_type = headers.get("Content-Type", "")
        text = raw.decode("utf-8")  # a body in another encoding fails here, as it would there
        if content_type.startswith("application/json"):
            fields = json.loads(text)
        elif content_type.startswith("application/x-www-form-urlencoded"):
            fields = {name: values[-1] for name, values in parse_qs(text).items()}
        else:
            return self.error(422, 9, "unsupported content type")
        recipients = fields.get("recipients")
        if isinstance(recipients, str):
            recipients = recipients.split(",")
        if not recipients or not all(MSISDN.fullmatch(str(recipient)) for recipient in recipients):
            return self.error(422, 9, "no (correct) recipients found", "recipients")
        originator = fields.get("originator", "")
        if not re.fullmatch(r"[0-9]{1,17}|[A-Za-z0-9 ]{1,11}", originator.removeprefix("+")):
            return self.error(422, 9, "originator is invalid", "originator")
        body = fields.get("body", "")
        if not body:
            return self.error(422, 9, "body is required", "body")
        datacoding = fields.get("datacoding", "plain")
        if datacoding not in {"plain", "unicode", "auto"} or (datacoding == "plain" and not is_gsm7(body)):
            return self.error(422, 9, "body cannot be sent as plain text", "datacoding")
        message_id = uuid.uuid4().hex
        self.accepted.append(fields)
        return 201, {
            "id": message_id,
            "href": f"https://rest.messagebird.com/messages/{message_id}",
            "direction": "mt",
            "type": "sms",
            "originator": originator,
            "body": body,
            "datacoding": datacoding,
            "recipients": {
                "totalCount": len(recipients),
                "totalSentCount": len(recipients),
                "items": [{"recipient": int(recipient), "status": "sent"} for recipient in recipients],
            },
        }


class FakeTwilio(FakeGateway):
    """Twilio's POST /2010-04-01/Accounts/<sid>/Messages.json: basic auth, form fields, E.164."""

    account_sid = "AC" + "0123456789abcdef" * 2
    auth_token = "secret-token"

    def url(self, sender: str = "+3197010000000") -> str:
        return f"twilio+http://{self.account_sid}:{self.auth_token}@127.0.0.1:{self.port}?from={sender}"

    def handle(self, path: str, headers: Any, raw: bytes) -> tuple[int, dict[str, Any]]:
        if path != f"/2010-04-01/Accounts/{self.account_sid}/Messages.json":
            return 404, {"code": 20404, "message": "The requested resource was not found", "status": 404}
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if headers.get("Authorization") != f"Basic {expected}":
            return 401, {"code": 20003, "message": "Authenticate", "status": 401}
        if not headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            return 400, {"code": 21601, "message": "Form-encoded parameters expected", "status": 400}
        fields = {name: values[-1] for name, values in parse_qs(raw.decode("utf-8")).items()}
        if not E164.fullmatch(fields.get("To", "")):
            return 400, {
                "code": 21211,
                "message": f"The 'To' number {fields.get('To')} is not a valid phone number.",
                "status": 400,
            }
        if not fields.get("From") and not fields.get("MessagingServiceSid"):
            return 400, {"code": 21603, "message": "A 'From' or 'MessagingServiceSid' is required", "status": 400}
        if not fields.get("Body"):
            return 400, {"code": 21602, "message": "Message body is required.", "status": 400}
        self.accepted.append(fields)
        return 201, {"sid": "SM" + uuid.uuid4().hex, "status": "queued", "to": fields["To"], "body": fields["Body"]}


@pytest.fixture
def messagebird() -> Any:
    gateway = FakeMessageBird()
    yield gateway
    gateway.stop()


@pytest.fixture
def twilio() -> Any:
    gateway = FakeTwilio()
    yield gateway
    gateway.stop()


SANNE = "+31612345678"


def test_messagebird_gets_the_access_key_the_fields_and_the_recipient_without_plus(messagebird):
    with get_sms_backend(messagebird.url("Acme")) as backend:
        gateway_id = backend.send(TextMessage(recipient=SANNE, body="Reminder: Monday 10:00"))
    [accepted] = messagebird.accepted
    assert accepted == {
        "recipients": ["31612345678"],
        "originator": "Acme",
        "body": "Reminder: Monday 10:00",
        "datacoding": "plain",
    }
    assert len(gateway_id) == 32


def test_a_text_outside_gsm7_goes_as_unicode_in_utf8(messagebird):
    with get_sms_backend(messagebird.url()) as backend:
        backend.send(TextMessage(recipient=SANNE, body="Tot maandag, Zoë! 😊"))
    [(_method, _path, headers, raw)] = messagebird.requests
    assert headers["Content-Type"] == "application/json; charset=utf-8"
    assert "Zoë! 😊".encode() in raw
    assert messagebird.accepted[0]["datacoding"] == "unicode"


def test_one_connection_carries_a_batch(messagebird):
    with get_sms_backend(messagebird.url()) as backend:
        for number in range(3):
            backend.send(TextMessage(recipient=SANNE, body=f"Message {number}"))
    assert len(messagebird.accepted) == 3
    assert len(messagebird.connections) == 1


def test_a_wrong_access_key_is_an_error_worth_retrying_after_the_fix(messagebird):
    url = messagebird.url().replace(messagebird.access_key, "wrong")
    with get_sms_backend(url) as backend, pytest.raises(GatewayError) as failed:
        backend.send(TextMessage(recipient=SANNE, body="Hello"))
    assert str(failed.value) == "MessageBird answered 401: Request not allowed (incorrect access_key) (code 2)"
    assert failed.value.retry


def test_a_refused_recipient_is_not_retried(messagebird):
    messagebird.fail_next(*FakeMessageBird.error(422, 9, "no (correct) recipients found", "recipients"))
    with get_sms_backend(messagebird.url()) as backend, pytest.raises(GatewayError) as failed:
        backend.send(TextMessage(recipient=SANNE, body="Hello"))
    assert "no (correct) recipients found (code 9)" in str(failed.value)
    assert not failed.value.retry


def test_a_server_error_is_retried_later(messagebird):
    messagebird.fail_next(*FakeMessageBird.error(500, 99, "internal error"))
    with get_sms_backend(messagebird.url()) as backend:
        with pytest.raises(GatewayError) as failed:
            backend.send(TextMessage(recipient=SANNE, body="Hello"))
        assert failed.value.retry
        backend.send(TextMessage(recipient=SANNE, body="Hello"))
    assert len(messagebird.accepted) == 1


def test_no_answer_after_the_request_went_out_is_not_retried_by_itself(messagebird):
    messagebird.fail_next(0, None)
    with get_sms_backend(messagebird.url()) as backend, pytest.raises(GatewayError) as failed:
        backend.send(TextMessage(recipient=SANNE, body="Hello"))
    assert not failed.value.retry
    assert "may have been sent" in str(failed.value)


def test_an_unreachable_gateway_is_retried_later(messagebird):
    url = messagebird.url()
    messagebird.stop()
    with get_sms_backend(url) as backend, pytest.raises(GatewayError) as failed:
        backend.send(TextMessage(recipient=SANNE, body="Hello"))
    assert failed.value.retry
    assert "cannot be reached" in str(failed.value)


def test_a_number_not_in_international_format_never_reaches_the_gateway(messagebird):
    with get_sms_backend(messagebird.url()) as backend, pytest.raises(GatewayError) as failed:
        backend.send(TextMessage(recipient="0612345678", body="Hello"))
    assert not failed.value.retry
    assert messagebird.requests == []


def test_twilio_gets_basic_auth_and_form_fields(twilio):
    with get_sms_backend(twilio.url()) as backend:
        sid = backend.send(TextMessage(recipient=SANNE, body="Tot maandag, Zoë"))
    assert twilio.accepted == [{"To": SANNE, "From": "+3197010000000", "Body": "Tot maandag, Zoë"}]
    assert sid.startswith("SM")


def test_twilio_can_send_through_a_messaging_service(twilio):
    with get_sms_backend(twilio.url("MG" + "1" * 32)) as backend:
        backend.send(TextMessage(recipient=SANNE, body="Hello"))
    assert twilio.accepted[0]["MessagingServiceSid"] == "MG" + "1" * 32


def test_twilio_errors_carry_its_message_and_code(twilio):
    twilio.fail_next(400, {"code": 21211, "message": "The 'To' number is not a valid phone number.", "status": 400})
    with get_sms_backend(twilio.url()) as backend, pytest.raises(GatewayError) as failed:
        backend.send(TextMessage(recipient=SANNE, body="Hello"))
    assert str(failed.value) == "Twilio answered 400: The 'To' number is not a valid phone number. (code 21211)"
    assert not failed.value.retry
