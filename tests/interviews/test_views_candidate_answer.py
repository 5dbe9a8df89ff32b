"""The candidate's answer on the interview record, its to-dos, the overview's marker, and the history's words."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.actions.answering import answer_invitation
from regisseur.actions.cancelling import cancel_interview
from regisseur.interviews.models import Interview, InterviewKind
from regisseur.recruitment.models import Contact
from regisseur.responses.models import FollowUp, FollowUpKind
from tests.conftest import make_application, make_interview
from tests.responses.conftest import link_path, token_of

OVERVIEW = reverse("interviews:overview")


def answer(interview: Interview, **fields: Any) -> None:
    answer_invitation(token=token_of(link_path(interview)), **fields)


def record(client: Any, interview: Interview, language: str = "en") -> str:
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    response = client.get(reverse("interviews:detail", args=[interview.pk]))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, start: str, end: str = "</section>") -> str:
    begin = html.index(start)
    return html[begin : html.index(end, begin)]


def done_url(follow_up: FollowUp) -> str:
    return reverse("interviews:follow_up_done", args=[follow_up.interview_id, follow_up.pk])


@pytest.fixture
def answered(alice: Any, application: Any) -> Interview:
    interview = make_interview(alice, application)
    answer(
        interview,
        choice="new_appointment",
        preferred_mode="video",
        wants_questions_in_advance=True,
        preferred_times="Donderdagmiddag",
        message="Ik heb dinsdag een tentamen.",
    )
    return interview


def test_the_record_shows_the_answer_as_fields_and_the_to_dos(client, alice, answered):
    client.force_login(alice)

    html = section(record(client, answered), 'id="candidate-answer"')

    assert "Plan a new appointment" in html
    assert 'data-preferred-mode="video">Video<' in html
    assert "Questions in advance</dt><dd>Yes" in html
    assert "Donderdagmiddag" in html and "Ik heb dinsdag een tentamen." in html
    answered_at = FollowUp.objects.first().answer.created_at.astimezone(answered.local_starts_at.tzinfo)  # type: ignore[union-attr]
    assert answered_at.strftime("%d-%m-%Y %H:%M") in html
    for task in ("Send the questions in advance", "Contact the candidate for a new appointment"):
        assert task in html
    assert html.count('type="submit"') == FollowUp.objects.count() == 4
    assert "csrfmiddlewaretoken" in html


def test_the_record_shows_the_answer_in_dutch(client, alice, answered):
    client.force_login(alice)

    html = section(record(client, answered, "nl"), 'id="candidate-answer"')

    assert "Antwoord van de kandidaat" in html
    assert "Voorkeur soort interview</dt>" in html and "Vragen vooraf</dt><dd>Ja" in html
    assert "Stuur de vragen vooraf" in html
    assert "Gereed" in html


def test_done_ticks_the_to_do_off_and_lists_it_as_done_by_whom(client, alice, answered):
    client.force_login(alice)
    follow_up = FollowUp.objects.get(kind=FollowUpKind.SEND_QUESTIONS)

    response = client.post(done_url(follow_up))

    assert response.status_code == 302
    assert response["Location"].endswith(f"/interviews/{answered.pk}/#candidate-answer")
    follow_up.refresh_from_db()
    assert follow_up.done_by == alice
    html = section(record(client, answered), 'id="candidate-answer"')
    done = section(html, 'data-follow-up="send_questions"', "</li>")
    assert "Done by Alice de Vries on" in done
    assert "<button" not in done
    history = section(record(client, answered), 'id="history-title"')
    assert "To do:</span>" in history and "Send the questions in advance" in history


def test_done_only_by_post(client, alice, answered):
    client.force_login(alice)
    follow_up = FollowUp.objects.first()
    assert client.get(done_url(follow_up)).status_code == 405  # type: ignore[arg-type]


def test_others_cannot_tick_off(client, alice, hank, mallory, vacancy, answered):
    follow_up = FollowUp.objects.first()
    assert follow_up is not None
    client.force_login(mallory)
    assert client.post(done_url(follow_up)).status_code == 404
    # The hiring manager sees his interview, but ticking off is the recruiter's.
    vacancy.hiring_manager = Contact.objects.get(user=hank)
    vacancy.save()
    Interview.objects.filter(pk=answered.pk).update(kind=InterviewKind.BOTH)
    client.force_login(hank)
    assert 'id="candidate-answer"' not in client.get(reverse("interviews:detail", args=[answered.pk])).content.decode()
    assert client.post(done_url(follow_up)).status_code == 403
    follow_up.refresh_from_db()
    assert follow_up.done_at is None


def test_a_follow_up_of_another_interview_is_not_found(client, alice, vacancy, answered):
    other = make_interview(alice, make_application(vacancy, "Bram", "Ander"))
    follow_up = FollowUp.objects.first()
    client.force_login(alice)
    url = reverse("interviews:follow_up_done", args=[other.pk, follow_up.pk])  # type: ignore[union-attr]
    assert client.post(url).status_code == 404


# --- The overview's marker -------------------------------------------------------------------------


def test_the_overview_marks_what_the_candidate_asked_until_done(client, alice, answered):
    client.force_login(alice)
    row = section(client.get(OVERVIEW).content.decode(), f'data-interview="{answered.pk}"', "</tr>")
    assert "Questions requested" in row and "New appointment" in row
    for follow_up in FollowUp.objects.all():
        client.post(done_url(follow_up))
    row = section(client.get(OVERVIEW).content.decode(), f'data-interview="{answered.pk}"', "</tr>")
    assert "follow-up-marker" not in row


def test_the_application_record_marks_it_too(client, alice, answered):
    client.force_login(alice)
    html = client.get(reverse("recruitment:application_detail", args=[answered.application_id])).content.decode()
    assert "Questions requested" in html


def overview_queries(client: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(OVERVIEW).status_code == 200
    return len(captured.captured_queries)


def test_the_markers_keep_the_overviews_query_count_flat(client, alice, vacancy):
    client.force_login(alice)
    for index in range(2):
        answer(make_interview(alice, make_application(vacancy, f"Een{index}", "Vraag")), choice="new_appointment")
    few = overview_queries(client)
    for index in range(6):
        answer(
            make_interview(alice, make_application(vacancy, f"Meer{index}", "Vraag")),
            choice="accept",
            wants_questions_in_advance=True,
            message="Tot dan",
        )
    assert overview_queries(client) == few


# --- The history's words -----------------------------------------------------------------------------


def test_the_history_names_the_candidate_and_translates_every_field_in_english(client, alice, answered):
    client.force_login(alice)

    history = section(record(client, answered), 'id="history-title"')

    assert 'data-source="candidate">Sanne Bakker (candidate)<' in history
    assert 'data-source="user">Alice de Vries<' in history
    assert "Preferred mode:</span>" in history and ">Video<" in history
    assert "Questions in advance:</span>" in history and ">Yes<" in history
    assert "Confirmation:</span>" in history and "Contact for new appointment" in history
    for raw in (
        "preferred_mode",
        "Preferred_mode",
        "questions_in_advance",
        "contact_for_new_appointment",
        "the candidate or the system",
    ):
        assert raw not in history


def test_the_history_in_dutch_has_dutch_labels_and_values(client, alice, answered):
    client.force_login(alice)

    history = section(record(client, answered, "nl"), 'id="history-title"')

    assert "Sanne Bakker (kandidaat)" in history
    assert "Voorkeur soort interview:</span>" in history
    assert "Vragen vooraf:</span>" in history and ">Ja<" in history
    assert "Afspraak bevestigd:</span>" in history
    for english in ("Preferred mode", "preferred_mode", "Questions in advance", ">Yes<", "Starts at", "Time zone"):
        assert english not in history


def test_a_withdrawal_is_the_candidates_and_its_consequences_are_the_systems(client, alice, application):
    interview = make_interview(alice, application)
    answer(interview, choice="withdraw", message="Andere baan")
    client.force_login(alice)

    html = record(client, interview, "nl")
    history = section(html, 'id="history-title"')

    assert "Sanne Bakker (kandidaat)" in history
    assert "candidate_withdrew" not in html
    assert "Kandidaat heeft zich teruggetrokken" in html


def test_messages_and_reminders_read_in_the_readers_language(client, alice, application):
    interview = make_interview(alice, application)
    cancel_interview(actor=alice, interview=interview, reason="")
    client.force_login(alice)
    history = section(record(client, interview, "nl"), 'id="history-title"')
    assert "Geannuleerd" in history
    assert "Cancelled" not in history and "Planned" not in history
