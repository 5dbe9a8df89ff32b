"""Confirm links (A3): unguessable, stored hashed, dead after a change, a cancellation or the end."""

from __future__ import annotations

import base64
import io
from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import reschedule_interview
from regisseur.messaging.models import Message
from regisseur.messaging.services import communicate
from regisseur.recruitment.models import ApplicationStatus
from regisseur.responses.models import CandidateLink
from regisseur.responses.services import hash_token, resolve_link
from tests.conftest import change_fields, make_interview, run_worker


def invite(alice: Any, interview: Any, smtp_server: Any) -> str:
    """Send the invitation and answer the token in the link that arrived."""
    communicate(actor=alice, interviews=[interview], audience="candidate")
    run_worker()
    text = smtp_server.messages[-1].get_body(("plain",)).get_content()
    [url] = [word for word in text.split() if "/r/" in word]
    return url.rstrip("/").rsplit("/", 1)[1]


@pytest.fixture
def interview(alice: Any, application: Any) -> Any:
    return make_interview(alice, application)


def test_a_fresh_link_works(alice, interview, smtp_server):
    state = resolve_link(invite(alice, interview, smtp_server))
    assert state.is_usable and state.reason == ""
    assert state.link is not None and state.link.interview_id == interview.pk


def test_a_token_has_at_least_128_bits(alice, interview, smtp_server):
    token = invite(alice, interview, smtp_server)
    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) * 8 >= 128


def test_each_message_gets_its_own_token(alice, interview, smtp_server):
    first = invite(alice, interview, smtp_server)
    second = invite(alice, interview, smtp_server)
    assert first != second
    assert resolve_link(first).is_usable and resolve_link(second).is_usable


def test_only_the_hash_of_the_token_is_stored(alice, interview, smtp_server):
    token = invite(alice, interview, smtp_server)
    assert CandidateLink.objects.filter(token_hash=hash_token(token)).exists()
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    assert token not in dump.getvalue()
    # Nor in any text column dumpdata might skip.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from introspection
            assert token not in repr(cursor.fetchall()), table
    # The message log shows a placeholder address, not a working link.
    assert "/r/" in Message.objects.get().body_text


def test_a_reschedule_kills_the_link(alice, interview, smtp_server):
    token = invite(alice, interview, smtp_server)
    reschedule_interview(actor=alice, interview=interview, starts_at=interview.starts_at + timedelta(hours=2))
    state = resolve_link(token)
    assert not state.is_usable and state.reason == "changed"
    # The new message brings a new link that works.
    assert resolve_link(invite(alice, interview, smtp_server)).is_usable


def test_a_change_of_place_kills_the_link(alice, interview, smtp_server):
    token = invite(alice, interview, smtp_server)
    change_fields(actor=alice, interview=interview, changes={"location": "Elsewhere"})
    assert resolve_link(token).reason == "changed"


def test_a_change_the_candidate_does_not_see_keeps_the_link(alice, interview, smtp_server):
    token = invite(alice, interview, smtp_server)
    change_fields(actor=alice, interview=interview, changes={"memo": "private note"})
    assert resolve_link(token).is_usable


def test_a_cancellation_kills_the_link(alice, interview, smtp_server):
    token = invite(alice, interview, smtp_server)
    cancel_interview(actor=alice, interview=interview)
    state = resolve_link(token)
    assert not state.is_usable and state.reason == "cancelled"


def test_the_end_of_the_interview_kills_the_link(alice, interview, smtp_server):
    token = invite(alice, interview, smtp_server)
    with time_machine.travel(interview.ends_at - timedelta(minutes=1)):
        assert resolve_link(token).is_usable
    with time_machine.travel(interview.ends_at + timedelta(seconds=1)):
        state = resolve_link(token)
        assert not state.is_usable and state.reason == "expired"


def test_a_withdrawn_application_kills_the_link(alice, interview, application, smtp_server):
    token = invite(alice, interview, smtp_server)
    application.status = ApplicationStatus.WITHDRAWN
    application.save(update_fields=["status"])
    assert resolve_link(token).reason == "withdrawn"


def test_tampered_and_unknown_tokens_lead_nowhere(alice, interview, smtp_server):
    token = invite(alice, interview, smtp_server)
    flipped = ("A" if token[5] != "A" else "B").join((token[:5], token[6:]))
    for bad in (flipped, token[:-1], token + "x", token.upper(), "", "personal-link", "x" * 101, hash_token(token)):
        state = resolve_link(bad)
        assert not state.is_usable and state.reason == "unknown" and state.link is None, bad


def test_a_dead_link_offers_nothing_on_the_answer_page(alice, interview, smtp_server, client):
    token = invite(alice, interview, smtp_server)
    cancel_interview(actor=alice, interview=interview)
    response = client.get(f"/r/{token}/")
    assert response.status_code == 410
    assert b'name="choice"' not in response.content
