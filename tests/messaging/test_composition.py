"""messaging.composition: the values a message's placeholders are filled with (C1, C8)."""

from __future__ import annotations

from regisseur.messaging.composition import placeholder_values
from regisseur.messaging.services import communicate
from tests.conftest import make_interview, run_worker


def test_an_interview_with_nobody_named_is_held_by_the_recruiter(alice, application):
    interview = make_interview(alice, application)
    values = placeholder_values(interview, language="en", recruiter=alice)
    assert values["attendees"] == "Alice de Vries (recruiter)"
    assert values["interviewer"] == "Alice de Vries"


def test_the_interviewer_and_participants_are_named_without_the_recruiter(alice, hank, application):
    interview = make_interview(alice, application, interviewer="Jan Smit", participants=[hank])
    values = placeholder_values(interview, language="en", recruiter=alice)
    assert values["attendees"] == "Jan Smit and Hank Manager"
    assert values["interviewer"] == "Jan Smit"


def test_without_an_interviewer_the_participants_hold_the_interview(alice, hank, application):
    interview = make_interview(alice, application, participants=[hank])
    values = placeholder_values(interview, language="en", recruiter=alice)
    assert values["attendees"] == "Hank Manager"
    assert values["interviewer"] == "Hank Manager"


def test_the_default_invitation_never_says_with_nobody(alice, application, smtp_server):
    application.candidate.language = "en"
    application.candidate.save(update_fields=["language"])
    communicate(actor=alice, interviews=[make_interview(alice, application)], audience="candidate")
    run_worker()
    [received] = smtp_server.messages
    text = received.get_body(("plain",)).get_content()
    assert "With: Alice de Vries" in text
