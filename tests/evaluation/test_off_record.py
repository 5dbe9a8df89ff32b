"""Off-the-record notes (seed 002, E4) stay with their author: never in anything shared.

"Maak duidelijk dat iemand ook off the record kan praten en dat dat dan niet in het
interview terecht komt." The notes are written on the author's scorecard; this module
checks the guarantees around them: the interview record for others, the report and the
earlier interviews, the exports, every message composed for the interview, the history.
Also: the report of an earlier interview is shown at the candidate's later interviews,
to those who may see that earlier interview.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, time, timedelta

import pytest
import time_machine
from django.test import Client as HttpClient
from django.urls import reverse

from regisseur.accounts.models import User
from regisseur.core.placeholders import PLACEHOLDERS
from regisseur.core.timezones import AMSTERDAM, local_to_utc
from regisseur.evaluation.feedback import send_due_feedback_reminders
from regisseur.evaluation.models import Evaluation
from regisseur.interviews.models import Interview
from regisseur.messaging.composition import Variant, compose, placeholder_values
from regisseur.messaging.defaults import DEFAULTS
from regisseur.messaging.models import Audience
from regisseur.messaging.services import recipients_for
from regisseur.messaging.texts import template_variant
from regisseur.monitoring.aftercare import send_due_check_ins
from regisseur.recruitment.models import Application, Contact
from tests.api.conftest import client_for
from tests.conftest import make_interview, run_worker

pytestmark = pytest.mark.django_db

SECRET = "OFFRECORD-Sanne-noemde-haar-ziekte"
STARTS = local_to_utc(date(2027, 3, 25), time(14, 0), AMSTERDAM)
ENDS = STARTS + timedelta(hours=1)
AFTER = ENDS + timedelta(days=2)


@pytest.fixture
def interview(alice: User, bob: User, cora: User, manager: Contact, application: Application) -> Interview:
    with time_machine.travel(STARTS - timedelta(days=10), tick=False):
        interview = make_interview(
            alice,
            application,
            starts_at=STARTS,
            kind="both",
            participants=[bob],
            committee_members=[Contact.objects.get(user=cora)],
            report="Gesprek verliep goed; ervaring als bakker.",
        )
    for author in (bob, cora):
        Evaluation.objects.create(
            interview=interview,
            author=author,
            recommendation="yes",
            strengths="Vakmanschap",
            off_record_notes=f"{SECRET} ({author.username})",
            submitted_at=ENDS + timedelta(hours=1),
        )
    return interview


def signed_in(user: User) -> HttpClient:
    client = HttpClient()
    client.force_login(user)
    return client


def test_the_notes_are_not_on_the_interview_record_for_anyone(interview, alice, bob, cora, hank):
    with time_machine.travel(AFTER, tick=False):
        for user in (alice, bob, cora, hank):
            page = signed_in(user).get(reverse("interviews:detail", args=[interview.pk]))
            assert page.status_code == 200
            assert SECRET not in page.content.decode(), user.username


def test_the_notes_are_not_in_the_earlier_interviews_of_a_later_interview(interview, alice, application):
    with time_machine.travel(AFTER, tick=False):
        later = make_interview(alice, application, starts_at=AFTER + timedelta(days=7))
        page = signed_in(alice).get(reverse("interviews:detail", args=[later.pk])).content.decode()

    assert "Earlier interviews with this candidate" in page
    assert "Gesprek verliep goed; ervaring als bakker." in page
    assert SECRET not in page


def _xlsx_text(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        return "".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_the_notes_are_not_in_the_exports(interview, alice, kind):
    with time_machine.travel(AFTER, tick=False):
        client = signed_in(alice)
        exports = [
            client.get(reverse("interviews:export"), {"format": kind, "when": "past"}),
            client.get(reverse("recruitment:candidate_export"), {"format": kind}),
            client.get(reverse("recruitment:vacancy_export", args=[interview.vacancy_id]), {"format": kind}),
        ]
    for response in exports:
        assert response.status_code == 200
        body = response.content
        text = _xlsx_text(body) if kind == "xlsx" else body.decode("utf-8-sig")
        assert SECRET not in text
    overview = _xlsx_text(exports[0].content) if kind == "xlsx" else exports[0].content.decode("utf-8-sig")
    assert "Sanne" in overview  # the interview is in the export: the notes are left out, not the row


def test_no_placeholder_ever_carries_the_notes(interview):
    for audience in Audience.values:
        values = placeholder_values(interview, language="nl", recruiter=interview.created_by, audience=audience)
        assert not any(SECRET in str(value) for value in values.values()), audience


def test_no_message_composed_for_the_interview_holds_the_notes(interview):
    every_placeholder = " ".join("{" + name + "}" for name in PLACEHOLDERS)
    with time_machine.travel(AFTER, tick=False):
        for audience in (Audience.CANDIDATE, Audience.HIRING_MANAGER, Audience.COMMITTEE, Audience.COLLEAGUES):
            for recipient in recipients_for(interview, audience):
                variants = [
                    template_variant(organisation_id=interview.organisation_id, purpose=purpose, language="nl")
                    for purpose in DEFAULTS
                ]
                variants.append(Variant(subject=every_placeholder, body=every_placeholder))
                for variant in variants:
                    composed = compose(
                        interview=interview,
                        recipient=recipient,
                        variant=variant,
                        include_confirm_link=False,
                        confirm_url=None,
                        profile=None,
                        recruiter=interview.created_by,
                    )
                    for text in (composed.subject, composed.body_text, composed.body_html, composed.calendar_text):
                        assert SECRET not in text


def test_the_notes_are_not_in_the_messages_sent_after_the_interview(interview, smtp_server):
    """The check-ins and feedback reminders the worker sends after the interview."""
    Evaluation.objects.filter(author__username="cora").update(submitted_at=None)
    send_due_check_ins(now=ENDS + timedelta(minutes=15))
    send_due_feedback_reminders(now=ENDS + timedelta(hours=1, minutes=5))
    run_worker()

    assert smtp_server.received
    for raw in smtp_server.received:
        assert SECRET.encode() not in raw


def test_the_notes_are_not_in_the_history(interview, alice):
    # Edits of the scorecard are the author's; nothing of the notes reaches the interview's events.
    for event in interview.events.all():
        assert SECRET not in str(event.changes) and SECRET not in event.note
    with time_machine.travel(AFTER, tick=False):
        page = signed_in(alice).get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    history = page[page.index('id="history-title"') :]
    assert SECRET not in history


def test_earlier_reports_show_only_to_those_who_may_see_that_interview(interview, alice, application, hank, manager):
    """Hank attends the later interview, not an earlier one held without the hiring manager."""
    with time_machine.travel(STARTS - timedelta(days=20), tick=False):
        private = make_interview(
            alice, application, starts_at=STARTS - timedelta(days=5), report="Alleen voor recruiters: eerste ronde."
        )
    with time_machine.travel(AFTER, tick=False):
        later = make_interview(alice, application, starts_at=AFTER + timedelta(days=7), kind="hiring_manager")
        as_alice = signed_in(alice).get(reverse("interviews:detail", args=[later.pk])).content.decode()
        as_hank = signed_in(hank).get(reverse("interviews:detail", args=[later.pk])).content.decode()

    assert "Alleen voor recruiters: eerste ronde." in as_alice
    assert "Gesprek verliep goed; ervaring als bakker." in as_alice
    assert as_alice.index("Gesprek verliep goed") < as_alice.index("Alleen voor recruiters")  # newest first
    assert "Alleen voor recruiters: eerste ronde." not in as_hank
    assert "Gesprek verliep goed; ervaring als bakker." in as_hank  # he took part in that one
    assert private.pk


def test_the_notes_are_not_on_the_panel_review_or_scorecards_of_others(interview, alice, bob, cora, hank):
    with time_machine.travel(AFTER, tick=False):
        for user in (alice, bob, cora, hank):
            client = signed_in(user)
            panel = client.get(reverse("evaluation:panel", args=[interview.pk]))
            own = client.get(reverse("evaluation:scorecard", args=[interview.pk])).content.decode()
            assert SECRET not in panel.content.decode(), user.username
            # Their own scorecard shows their own notes, never another's.
            others = [name for name in ("bob", "cora") if name != user.username]
            assert all(f"{SECRET} ({name})" not in own for name in others), user.username


def test_the_api_returns_the_notes_to_their_author_only(interview, alice, bob, cora, hank):
    with time_machine.travel(AFTER, tick=False):
        answers = {
            user.username: client_for(user).get(f"/interviews/{interview.pk}/evaluations")
            for user in (alice, bob, cora, hank)
        }

    for username, answer in answers.items():
        assert answer.status == 200, username
        others = [name for name in ("bob", "cora") if name != username]
        for name in others:
            assert f"{SECRET} ({name})" not in str(answer.body), username
    assert f"{SECRET} (bob)" in str(answers["bob"].body["mine"])
