"""Bulk invitation (P5) continued to one message per candidate in their own language (seed 004)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.interviews.models import Interview
from regisseur.messaging.models import Message, MessageTemplate, Purpose
from regisseur.recruitment.models import Application, Vacancy
from tests.conftest import make_application, make_interview, run_worker, soon

BULK = reverse("messaging:communicate_bulk")


def bulk_url(interviews: list[Interview]) -> str:
    return BULK + "?" + "&".join(f"interview={i.pk}" for i in interviews)


def templates(organisation: Any, *, nl: str, en: str) -> None:
    for language, body in (("nl", nl), ("en", en)):
        MessageTemplate.objects.create(
            organisation=organisation,
            purpose=Purpose.INVITATION,
            language=language,
            name=f"Uitnodiging {language}",
            subject=f"[{language}] {{vacancy_title}} op {{interview_date}}",
            body=body,
            is_default=True,
        )


@pytest.fixture
def two(vacancy: Vacancy) -> list[Application]:
    return [
        make_application(vacancy, "Anna", "Eerst", language="nl"),
        make_application(vacancy, "Bram", "Tweede", language="en"),
    ]


def post_data(response: Any, **changes: Any) -> dict[str, Any]:
    form = response.context["form"]
    data: dict[str, Any] = {}
    for name in form.fields:
        value = form[name].value()
        if name == "include_confirm_link":
            if value:
                data[name] = "on"
            continue
        data[name] = "" if value is None else getattr(value, "pk", value)
    for block in response.context["blocks"]:
        data[f"template_{block.language}"] = block.template.pk if block.template else ""
    data.update(changes)
    return data


def test_next_on_the_invitation_plans_and_continues_to_the_bulk_page(client, alice, two):
    client.force_login(alice)
    local = timezone.localtime(soon(days=5, hour=11))
    response = client.post(
        reverse("interviews:invite") + "?" + "&".join(f"application={a.pk}" for a in two),
        {
            "mode": "each",
            "date": local.strftime("%d-%m-%Y"),
            "time": "11:00",
            "time_zone": "Europe/Amsterdam",
            "duration_minutes": "45",
            "type": "video",
            "kind": "recruiter",
        },
    )
    interviews = list(Interview.objects.order_by("id"))
    assert response.status_code == 302
    assert response["Location"] == bulk_url(interviews) + "&planned=1"


def test_one_subject_and_content_per_language_with_placeholders_as_written(client, alice, acme, two):
    templates(acme, nl="Beste {candidate_first_name}, {confirmlink}", en="Dear {candidate_first_name}")
    interviews = [make_interview(alice, a) for a in two]
    client.force_login(alice)
    response = client.get(bulk_url(interviews))
    assert response.status_code == 200
    form = response.context["form"]
    assert form["body_nl"].value() == "Beste {candidate_first_name}, {confirmlink}"
    assert form["body_en"].value() == "Dear {candidate_first_name}"
    [nl, en] = response.context["blocks"]
    # The preview is for the first candidate of each language.
    assert nl.preview_for == "Anna Eerst" and "Beste Anna" in nl.preview.body_text
    assert en.preview_for == "Bram Tweede" and "Dear Bram" in en.preview.body_text


@pytest.mark.parametrize(
    ("nl", "en", "ticked"),
    [
        ("Beste {candidate_name}: {confirmlink}", "Dear {candidate_name}: {confirmlink}", False),
        ("Beste {candidate_name}: {confirmlink}", "Dear {candidate_name}", True),
        ("Beste {candidate_name}", "Dear {candidate_name}", True),
    ],
)
def test_the_confirm_link_option_is_ticked_unless_every_language_has_the_placeholder(
    client, alice, acme, two, nl, en, ticked
):
    templates(acme, nl=nl, en=en)
    interviews = [make_interview(alice, a) for a in two]
    client.force_login(alice)
    response = client.get(bulk_url(interviews))
    assert response.context["form"]["include_confirm_link"].value() is ticked


def test_each_candidate_receives_the_message_in_their_own_language(client, alice, acme, two, smtp_server):
    templates(acme, nl="Beste {candidate_first_name}, welkom.", en="Dear {candidate_first_name}, welcome.")
    interviews = [make_interview(alice, a) for a in two]
    client.force_login(alice)
    page = client.get(bulk_url(interviews))
    response = client.post(bulk_url(interviews), post_data(page))
    assert response.status_code == 302
    assert response["Location"].startswith("/messages/progress/")  # where the sending can be followed
    run_worker()
    received = {m["To"].addresses[0].addr_spec: m for m in smtp_server.messages}
    assert set(received) == {"anna.eerst@example.test", "bram.tweede@example.test"}
    anna = received["anna.eerst@example.test"].get_body(("plain",)).get_content()
    bram = received["bram.tweede@example.test"].get_body(("plain",)).get_content()
    assert "Beste Anna, welkom." in anna and "/r/" in anna
    assert "Dear Bram, welcome." in bram and "/r/" in bram
    assert received["anna.eerst@example.test"]["Subject"].startswith("[nl] Bakker op ")


def test_do_not_send_email_in_bulk_sends_nothing(client, alice, two, smtp_server):
    interviews = [make_interview(alice, a) for a in two]
    client.force_login(alice)
    page = client.get(bulk_url(interviews))
    response = client.post(bulk_url(interviews), post_data(page, action="do_not_send"))
    assert response.status_code == 302
    assert response["Location"] == reverse("recruitment:vacancy_candidates", args=[interviews[0].vacancy_id])
    run_worker()
    assert smtp_server.received == [] and not Message.objects.exists()


def test_an_unknown_placeholder_in_one_language_is_refused_naming_it(client, alice, two):
    interviews = [make_interview(alice, a) for a in two]
    client.force_login(alice)
    page = client.get(bulk_url(interviews))
    response = client.post(bulk_url(interviews), post_data(page, body_en="Dear {naam}"))
    assert response.status_code == 200
    assert "Unknown placeholder {naam}." in response.context["form"].errors["body_en"]
    assert not Message.objects.exists()


def test_someone_elses_interviews_are_not_found(client, alice, mallory, two):
    interviews = [make_interview(alice, a) for a in two]
    client.force_login(mallory)
    assert client.get(bulk_url(interviews)).status_code == 404
    client.force_login(alice)
    assert client.get(BULK).status_code == 404
    assert client.get(BULK + "?interview=x").status_code == 404
    assert client.get(bulk_url(interviews) + "&interview=99999999").status_code == 404


def test_the_bulk_page_makes_as_many_queries_for_3_as_for_30_candidates(client, alice, vacancy):
    def count(n: int) -> int:
        Interview.objects.all().delete()
        interviews = [
            make_interview(alice, make_application(vacancy, f"K{n}x{i}", "Test", language="nl" if i % 2 else "en"))
            for i in range(n)
        ]
        with CaptureQueriesContext(connection) as queries:
            assert client.get(bulk_url(interviews)).status_code == 200
        return len(queries)

    client.force_login(alice)
    assert count(3) == count(30)


# --- Progress after a bulk send (issue 9, item 7) -------------------------------------------------


def test_after_a_bulk_send_a_progress_page_follows_each_message_until_it_has_gone(client, alice, two, smtp_server):
    interviews = [make_interview(alice, a) for a in two]
    client.force_login(alice)
    page = client.get(bulk_url(interviews))
    progress_url = client.post(bulk_url(interviews), post_data(page))["Location"]

    waiting = client.get(progress_url)
    assert waiting.status_code == 200
    assert waiting["Refresh"] == "3"  # looks again by itself while anything is on its way
    assert [row.state for row in waiting.context["rows"]] == ["queued", "queued"]
    assert "Anna Eerst" in waiting.content.decode() and "Bram Tweede" in waiting.content.decode()
    assert (waiting.context["queued"], waiting.context["sent_count"], waiting.context["failed"]) == (2, 0, 0)

    run_worker()
    done = client.get(progress_url)
    assert "Refresh" not in done
    assert (done.context["queued"], done.context["sent_count"], done.context["failed"]) == (0, 2, 0)
    assert "every message was accepted" in done.content.decode()
    assert reverse("recruitment:vacancy_candidates", args=[interviews[0].vacancy_id]) in done.content.decode()


def test_a_failed_message_shows_on_the_progress_page_with_its_error(client, alice, two, smtp_server):
    interviews = [make_interview(alice, a) for a in two]
    client.force_login(alice)
    page = client.get(bulk_url(interviews))
    progress_url = client.post(bulk_url(interviews), post_data(page))["Location"]
    smtp_server.stop()

    run_worker()

    failed = client.get(progress_url)
    assert failed.context["failed"] == 2 and "Refresh" not in failed
    assert "tried again at" in failed.content.decode()


def test_a_progress_page_is_only_for_who_sent_it(client, alice, bob, two, smtp_server):
    interviews = [make_interview(alice, a) for a in two]
    client.force_login(alice)
    page = client.get(bulk_url(interviews))
    progress_url = client.post(bulk_url(interviews), post_data(page))["Location"]
    client.force_login(bob)
    assert client.get(progress_url).status_code == 404
    assert client.get("/messages/progress/made-up/").status_code == 404
