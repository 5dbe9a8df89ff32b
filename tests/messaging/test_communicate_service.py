"""messaging.services.communicate and send_cancellation: who may, to whom, in which language."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django_tasks_db.models import DBTaskResult

from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import reschedule_interview
from regisseur.actions.planning import plan_interview
from regisseur.core.errors import Forbidden, ServiceError
from regisseur.interviews.models import Interview, InterviewEvent
from regisseur.interviews.planning import Planning
from regisseur.messaging.cancellations import send_cancellation
from regisseur.messaging.composition import Variant
from regisseur.messaging.defaults import install_defaults
from regisseur.messaging.models import HtmlProfile, Message, MessageTemplate, Purpose
from regisseur.messaging.services import communicate
from regisseur.responses.models import CandidateLink
from regisseur.responses.services import resolve_link, token_for
from tests.conftest import commit, make_application, make_interview, soon


@pytest.fixture
def interview(alice: Any, application: Any) -> Interview:
    return make_interview(alice, application)


def test_each_candidate_reads_their_own_language(alice, vacancy):
    dutch = make_interview(alice, make_application(vacancy, "Sanne", "Bakker", language="nl"))
    english = make_interview(alice, make_application(vacancy, "Emma", "Smith", language="en"))
    nl, en = communicate(actor=alice, interviews=[dutch, english], audience="candidate")
    assert (nl.language, en.language) == ("nl", "en")
    assert nl.subject.startswith("Uitnodiging") and "Beste Sanne" in nl.body_text
    assert en.subject.startswith("Invitation") and "Dear Emma" in en.body_text


def test_the_organisations_default_template_is_used(alice, acme, interview):
    install_defaults(acme)
    MessageTemplate.objects.filter(organisation=acme, purpose=Purpose.INVITATION, language="nl").update(
        subject="Eigen onderwerp {vacancy_title}"
    )
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert message.subject == "Eigen onderwerp Bakker"
    assert "Acme Recruitment" in message.body_html  # the default profile's footer


def test_a_second_message_to_the_candidate_is_a_change(alice, interview):
    [first] = communicate(actor=alice, interviews=[interview], audience="candidate")
    [second] = communicate(actor=alice, interviews=[interview], audience="candidate")
    assert (first.purpose, second.purpose) == (Purpose.INVITATION, Purpose.CHANGE)


def test_the_delivery_task_is_asked_for_when_the_messages_are_committed(alice, interview):
    before = DBTaskResult.objects.count()
    communicate(actor=alice, interviews=[interview], audience="candidate")
    assert Message.objects.count() == 1
    assert DBTaskResult.objects.count() == before  # not yet: on commit
    commit()
    assert DBTaskResult.objects.count() == before + 1


def test_the_interviews_history_records_the_message(alice, interview):
    communicate(actor=alice, interviews=[interview], audience="candidate")
    event = InterviewEvent.objects.filter(interview=interview, action=InterviewEvent.Action.MESSAGE).get()
    assert event.changes["to"][1] == "sanne.bakker@example.test"


def test_do_not_send_email_records_the_choice_and_writes_nothing(alice, interview):
    before = DBTaskResult.objects.count()
    assert communicate(actor=alice, interviews=[interview], audience="candidate", send=False) == []
    assert not Message.objects.exists()
    assert not CandidateLink.objects.exists()
    assert DBTaskResult.objects.count() == before
    assert InterviewEvent.objects.filter(interview=interview, action=InterviewEvent.Action.MESSAGE).exists()


def test_a_stale_interview_object_still_gets_a_working_link(alice, interview):
    reschedule_interview(actor=alice, interview=interview, starts_at=interview.starts_at + timedelta(hours=3))
    [message] = communicate(actor=alice, interviews=[interview], audience="candidate")  # the old object
    assert resolve_link(token_for(message.message_id)).is_usable
    assert interview.version == 2


def test_the_hiring_manager_is_not_invited_to_a_recruiter_interview(alice, interview):
    with pytest.raises(ServiceError) as refused:
        communicate(actor=alice, interviews=[interview], audience="hiring_manager")
    assert refused.value.code == "audience_not_invited"


def test_a_kind_with_the_manager_but_no_manager_on_the_vacancy_is_refused(alice, application):
    interview = make_interview(alice, application, kind="both")
    with pytest.raises(ServiceError) as refused:
        communicate(actor=alice, interviews=[interview], audience="hiring_manager")
    assert refused.value.code == "audience_not_invited"


def test_an_empty_committee_is_not_invited(alice, interview):
    with pytest.raises(ServiceError) as refused:
        communicate(actor=alice, interviews=[interview], audience="committee")
    assert refused.value.code == "audience_not_invited"


def test_a_round_without_candidate_has_nobody_to_invite(alice, vacancy):
    round_ = plan_interview(
        actor=alice, vacancy=vacancy, planning=Planning(starts_at=soon(), duration_minutes=30)
    ).interviews[0]
    with pytest.raises(ServiceError) as refused:
        communicate(actor=alice, interviews=[round_], audience="candidate")
    assert refused.value.code == "audience_not_invited"


def test_an_unknown_audience_is_refused(alice, interview):
    with pytest.raises(ServiceError) as refused:
        communicate(actor=alice, interviews=[interview], audience="everyone")
    assert refused.value.field == "audience"


def test_a_cancelled_interview_is_not_communicated(alice, interview):
    cancel_interview(actor=alice, interview=interview)
    with pytest.raises(ServiceError) as refused:
        communicate(actor=alice, interviews=[interview], audience="candidate")
    assert refused.value.code == "interview_cancelled"
    assert not Message.objects.exists()


@pytest.mark.parametrize("who", ["mallory", "hank", "cora"])
def test_only_the_organisations_recruiters_communicate(request, interview, who):
    with pytest.raises(Forbidden):
        communicate(actor=request.getfixturevalue(who), interviews=[interview], audience="candidate")
    assert not Message.objects.exists()


def test_another_organisations_template_or_profile_is_refused(alice, rival, interview):
    install_defaults(rival)
    foreign = MessageTemplate.objects.filter(organisation=rival).first()
    assert foreign is not None
    with pytest.raises(ServiceError) as refused:
        communicate(
            actor=alice,
            interviews=[interview],
            audience="candidate",
            variants={"nl": Variant(foreign.subject, foreign.body, template=foreign)},
        )
    assert (refused.value.code, refused.value.field) == ("not_found", "template_id")
    with pytest.raises(ServiceError) as refused:
        communicate(
            actor=alice,
            interviews=[interview],
            audience="candidate",
            profile=HtmlProfile.objects.get(organisation=rival),
        )
    assert (refused.value.code, refused.value.field) == ("not_found", "html_profile_id")
    assert not Message.objects.exists()


@pytest.mark.parametrize(
    ("variant", "code", "field"),
    [
        (Variant("", "Body"), "required", "subject"),
        (Variant("Subject", "  "), "required", "body"),
        (Variant("Subject", "Hi {candidate_name"), "invalid_placeholder", "body"),
        (Variant("About {salary}", "Hi"), "invalid_placeholder", "subject"),
        (Variant("Subject", "Hi", signature="{unknown}"), "invalid_placeholder", "body"),
        (Variant("S" * 301, "Hi"), "too_long", "subject"),
    ],
)
def test_bad_content_is_refused_and_nothing_written(alice, interview, variant, code, field):
    with pytest.raises(ServiceError) as refused:
        communicate(actor=alice, interviews=[interview], audience="candidate", variants={"nl": variant})
    assert (refused.value.code, refused.value.field) == (code, field)
    assert not Message.objects.exists()
    assert not CandidateLink.objects.exists()


def test_line_breaks_in_a_subject_become_spaces(alice, vacancy):
    application = make_application(vacancy, "Sanne\r\nBcc: x@evil.test", "Bakker", email="s@example.test")
    interview = make_interview(alice, application)
    [message] = communicate(
        actor=alice, interviews=[interview], audience="candidate", variants={"nl": Variant("Hi {candidate_name}", "x")}
    )
    assert "\n" not in message.subject and "\r" not in message.subject


def test_a_cancellation_needs_a_cancelled_interview_and_a_recruiter(alice, mallory, interview):
    with pytest.raises(ServiceError) as refused:
        send_cancellation(actor=alice, interview=interview)
    assert refused.value.code == "invalid"
    interview = cancel_interview(actor=alice, interview=interview).interviews[0]
    with pytest.raises(Forbidden):
        send_cancellation(actor=mallory, interview=interview)
    [message] = send_cancellation(actor=alice, interview=interview)
    assert message.purpose == Purpose.CANCELLATION
    assert not message.includes_confirm_link
