"""Every main page in Dutch has no English words, and in English no Dutch ones (issue 7, item 9).

The pages are rendered with the demo's data. Data stays in its own language (a Dutch
vacancy title on an English page is fine), so each language looks at records written
in it, and the word lists hold interface words that data does not use.
"""

from __future__ import annotations

import html as html_lib
import re
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse

from regisseur.accounts.models import User
from regisseur.interviews.models import Guideline, Interview, InterviewEvent, LocationPreset
from regisseur.messaging.models import Audience, Message, MessageTemplate
from regisseur.recruitment.models import Vacancy
from regisseur.responses.services import resolve_link, token_for

ENGLISH_WORDS = [
    "Candidates", "Vacancies", "Settings", "Log out", "Save", "Cancel", "Reminder", "History", "Pending",
    "Accepted", "Planned", "Cancelled", "Attendees", "Withdrawn", "Rejected", "Hired", "Answer", "Send",
    "Edit", "Previous", "Search", "To:", "Subject", "Preferred", "Done", "Yes", "System", "candidate",
    "the", "with", "Changed", "Status changed", "Reason:", "Location", "Duration", "Date and time",
    "Application", "Message", "Template", "Email", "Confirmation", "Candidate answered",
]  # fmt: skip
DUTCH_WORDS = [
    "Gesprekken", "Kandidaten", "Vacatures", "Instellingen", "Uitloggen", "Opslaan", "Annuleren",
    "Herinnering", "Geschiedenis", "Wijzigen", "In afwachting", "Geaccepteerd", "Gepland", "Geannuleerd",
    "Aanwezigen", "Teruggetrokken", "Afgewezen", "Aangenomen", "Antwoord", "Verzenden", "Naar:",
    "Onderwerp", "Voorkeur", "Gereed", "Systeem", "kandidaat", "Sollicitatie", "Bevestiging", "Locatie",
    "Datum en tijd", "Duur", "Bericht", "Sjabloon", "Reden:", "Ja", "Nee", "Kandidaat heeft gereageerd",
]  # fmt: skip


def visible_text(page: str) -> str:
    page = re.sub(r"(?is)<(script|style|select)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return html_lib.unescape(page)


def library_texts(language: str) -> list[str]:
    """Data in the other language a page may rightly show: the other language's templates, the Dutch library."""
    texts = []
    for name, subject, body in MessageTemplate.objects.exclude(language=language).values_list(
        "name", "subject", "body"
    ):
        texts += [name, subject, body]
    for title, body in Guideline.objects.values_list("title", "body"):
        texts += [title, *body.splitlines()]
    for name, location in LocationPreset.objects.values_list("name", "location"):
        texts += [name, location]
    return sorted((text.strip() for text in texts if text.strip()), key=len, reverse=True)


def foreign_words(page: str, words: list[str], data: list[str]) -> set[str]:
    text = " ".join(visible_text(page).split())
    for item in data:
        text = text.replace(" ".join(item.split()), " ")
    return {word for word in words if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)}


@pytest.fixture
def demo(db: Any) -> User:
    call_command("load_demo", stdout=StringIO())
    return User.objects.get(username="demo")


def pages_for(language: str) -> dict[str, str]:
    """The main pages, on records written in `language` (the demo's vacancies have both)."""
    vacancy = Vacancy.objects.filter(language=language).exclude(applications=None).order_by("pk").first()
    assert vacancy is not None
    interview = (
        Interview.objects.filter(vacancy__language=language, application__isnull=False, status="planned")
        .order_by("-events__action", "pk")
        .first()
    )
    answered = InterviewEvent.objects.filter(
        action=InterviewEvent.Action.ANSWERED, changes__has_key="preferred_mode"
    ).first()
    if language == "nl" and answered is not None:
        interview = answered.interview
    assert interview is not None and interview.application is not None
    message = Message.objects.filter(interview=interview).order_by("pk").first()
    assert message is not None
    candidate_message = Message.objects.filter(
        audience=Audience.CANDIDATE,
        language=language,
        includes_confirm_link=True,
        interview__status="planned",
        interview__application__candidate__language=language,
    ).order_by("pk")
    answer_path = next(
        reverse("responses:answer", args=[token_for(m.message_id)])
        for m in candidate_message
        if resolve_link(token_for(m.message_id)).is_usable
    )
    return {
        "vacancy list": reverse("recruitment:vacancy_list"),
        "vacancy record": reverse("recruitment:vacancy_detail", args=[vacancy.pk]),
        "candidate overview": reverse("recruitment:vacancy_candidates", args=[vacancy.pk]),
        "board": reverse("recruitment:vacancy_board", args=[vacancy.pk]),
        "candidate record": reverse("recruitment:candidate_detail", args=[interview.application.candidate_id]),
        "application record": reverse("recruitment:application_detail", args=[interview.application_id]),
        "planning form": reverse("interviews:plan") + f"?application={interview.application_id}",
        "interview overview": reverse("interviews:overview") + f"?vacancy={vacancy.pk}",
        "interview record": reverse("interviews:detail", args=[interview.pk]),
        "message detail": reverse("messaging:message_detail", args=[message.pk]),
        "communicate page": reverse("messaging:communicate", args=[interview.pk, "candidate"]),
        "templates": reverse("messaging:template_list"),
        "answer page": answer_path,
    }


@pytest.mark.parametrize(("language", "words"), [("nl", ENGLISH_WORDS), ("en", DUTCH_WORDS)])
def test_the_main_pages_speak_one_language(client, demo, language, words):
    client.force_login(demo)
    client.post("/i18n/setlang/", {"language": language, "next": "/"})
    found = {}
    data = library_texts(language)
    for name, path in pages_for(language).items():
        response = client.get(path)
        assert response.status_code == 200, (name, path)
        foreign = foreign_words(response.content.decode(), words, data)
        if foreign:
            found[name] = sorted(foreign)
    assert not found
