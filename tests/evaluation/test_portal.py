"""The manager portal (E5) as hiring managers and committee members use it, without JavaScript."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from regisseur.accounts.models import User
from regisseur.core.typed_input import format_day
from regisseur.evaluation.models import Availability, Evaluation
from regisseur.interviews.models import Guideline, Interview, InterviewKind, InterviewType
from regisseur.recruitment.models import Application, Contact, Vacancy
from tests.conftest import make_application, make_interview, soon

pytestmark = pytest.mark.django_db

PORTAL = reverse("portal:home")
AVAILABILITY = reverse("portal:availability")


def signed_in(user: User) -> Client:
    browser = Client()
    browser.force_login(user)
    return browser


def text(response: Any) -> str:
    return str(response.content.decode())


def in_the_past(interview: Interview, days: int = 2) -> Interview:
    begin = timezone.now() - timedelta(days=days)
    Interview.objects.filter(pk=interview.pk).update(starts_at=begin, ends_at=begin + timedelta(hours=1))
    interview.refresh_from_db()
    return interview


def section(page: str, heading_id: str) -> str:
    """The HTML of one section of the start page, from its heading to the next section."""
    return page.split(f'id="{heading_id}"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def hanks_interview(alice: User, manager: Contact, application: Application) -> Interview:
    return make_interview(
        alice,
        application,
        kind=InterviewKind.HIRING_MANAGER,
        type=InterviewType.VIDEO,
        video_link="https://meet.example.test/bakker",
        memo="Salarisindicatie is hoog",
    )


@pytest.fixture
def someone_elses(alice: User, vacancy: Vacancy) -> Interview:
    """An interview of the same vacancy that Hank does not attend (the recruiter's own)."""
    return make_interview(alice, make_application(vacancy, "Piet", "Zonder"), kind=InterviewKind.RECRUITER)


# --- Landing and navigation -----------------------------------------------------------------------


@pytest.mark.parametrize(("username", "start"), [("hank", PORTAL), ("cora", PORTAL), ("alice", "/interviews/")])
def test_after_logging_in_each_role_lands_on_its_own_start(
    client: Client, alice: User, hank: User, cora: User, username: str, start: str
) -> None:
    response = client.post(reverse("login"), {"username": username, "password": "correct horse 1"}, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0].split("?")[0] == start


def test_the_portal_shows_no_recruiter_navigation_and_no_search(hank: User, hanks_interview: Interview) -> None:
    page = text(signed_in(hank).get(PORTAL))

    assert f'href="{PORTAL}" aria-current="page"' in page
    for recruiter_page in ("recruitment:vacancy_list", "recruitment:candidate_list", "interviews:calendar"):
        assert f'href="{reverse(recruiter_page)}' not in page
    assert reverse("monitoring:board") not in page
    assert 'href="/interviews/' not in page
    assert 'role="search"' not in page


def test_the_recruiter_keeps_her_navigation_and_is_sent_from_the_portal_to_her_start(alice: User) -> None:
    browser = signed_in(alice)

    page = text(browser.get(reverse("interviews:overview")))
    response = browser.get(PORTAL)

    assert f'href="{reverse("recruitment:candidate_list")}"' in page
    assert 'role="search"' in page
    assert f'href="{PORTAL}"' not in page
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")


@pytest.mark.parametrize("name", ["recruitment:candidate_list", "recruitment:vacancy_list"])
def test_the_candidate_and_vacancy_lists_send_others_to_their_portal(hank: User, cora: User, name: str) -> None:
    for user in (hank, cora):
        response = signed_in(user).get(reverse(name))

        assert response.status_code == 302
        assert response["Location"] == PORTAL


# --- Their own interviews only --------------------------------------------------------------------


def test_the_hiring_manager_sees_his_upcoming_interview_with_time_place_and_role(
    hank: User, hanks_interview: Interview, someone_elses: Interview
) -> None:
    page = text(signed_in(hank).get(PORTAL))
    upcoming = section(page, "upcoming-title")

    assert "Sanne Bakker" in upcoming
    assert "Bakker · Bakkerij Jansen" in upcoming
    local = timezone.localtime(hanks_interview.starts_at)
    assert local.strftime("%d-%m-%Y %H:%M") in upcoming
    assert 'href="https://meet.example.test/bakker"' in upcoming
    assert "Hiring manager" in upcoming
    assert "Pending" in upcoming
    assert reverse("portal:interview", args=[hanks_interview.pk]) in upcoming
    assert "Piet Zonder" not in page
    assert "Salarisindicatie" not in page


def test_the_committee_member_sees_only_the_interviews_she_sits_on(
    alice: User, cora: User, vacancy: Vacancy, application: Application
) -> None:
    hers = make_interview(alice, application, committee_members=[cora.contact], location="Catharijnesingel 80")
    make_interview(alice, make_application(vacancy, "Piet", "Zonder"))

    page = text(signed_in(cora).get(PORTAL))

    assert reverse("portal:interview", args=[hers.pk]) in page
    assert "Catharijnesingel 80" in page
    assert "Committee member" in page
    assert "Piet Zonder" not in page


def test_the_times_are_shown_in_the_users_own_time_zone(hank: User, hanks_interview: Interview) -> None:
    hank.time_zone = "America/New_York"
    hank.save(update_fields=["time_zone"])

    page = text(signed_in(hank).get(PORTAL))

    new_york = hanks_interview.starts_at.astimezone(__import__("zoneinfo").ZoneInfo("America/New_York"))
    assert new_york.strftime("%d-%m-%Y %H:%M") in page
    assert "Times in America/New_York." in page


def test_the_interview_page_shows_the_details_and_the_guidelines_in_full(
    hank: User, acme: Any, hanks_interview: Interview
) -> None:
    star = Guideline.objects.create(
        organisation=acme, title="STAR-methode", body="Vraag naar de Situatie.\n\nEn dan de Taak, Actie en Resultaat."
    )
    hanks_interview.guidelines.add(star)

    response = signed_in(hank).get(reverse("portal:interview", args=[hanks_interview.pk]))
    page = text(response)

    assert response.status_code == 200
    assert "STAR-methode" in page
    assert "Vraag naar de Situatie." in page and "En dan de Taak, Actie en Resultaat." in page
    assert "Sanne Bakker" in page
    assert "https://meet.example.test/bakker" in page
    assert "Hank Manager" in page
    assert "Salarisindicatie" not in page  # the memo stays with the recruiters
    assert "sanne.bakker@example.test" not in page and "+31612345678" not in page
    assert reverse("recruitment:vacancy_list") not in page


def test_someone_elses_interview_is_not_found_in_the_portal(
    hank: User, cora: User, mallory: User, hanks_interview: Interview, someone_elses: Interview
) -> None:
    assert signed_in(hank).get(reverse("portal:interview", args=[someone_elses.pk])).status_code == 404
    assert signed_in(cora).get(reverse("portal:interview", args=[hanks_interview.pk])).status_code == 404
    assert signed_in(mallory).get(reverse("portal:interview", args=[hanks_interview.pk])).status_code == 404


def test_the_portal_requires_a_login(client: Client, hanks_interview: Interview) -> None:
    for url in (PORTAL, reverse("portal:interview", args=[hanks_interview.pk]), AVAILABILITY):
        response = client.get(url)

        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_links_to_pages_not_built_yet_are_left_out() -> None:
    rendered = Template(
        '{% load portal %}{% optional_url "portal:interview" 7 as there %}'
        '{% optional_url "evaluation:no_such_page" 7 as missing %}[{{ there }}][{{ missing }}]'
    ).render(Context())

    assert rendered == f"[{reverse('portal:interview', args=[7])}][]"


# --- Evaluations to give --------------------------------------------------------------------------


def test_a_past_interview_waits_for_an_evaluation_until_it_is_submitted(hank: User, hanks_interview: Interview) -> None:
    in_the_past(hanks_interview)
    browser = signed_in(hank)

    waiting = section(text(browser.get(PORTAL)), "to-evaluate-title")
    draft = Evaluation.objects.create(interview=hanks_interview, author=hank, strengths="Helder")
    as_draft = section(text(browser.get(PORTAL)), "to-evaluate-title")
    draft.submitted_at = timezone.now()
    draft.save(update_fields=["submitted_at"])
    page = text(browser.get(PORTAL))

    assert "Sanne Bakker" in waiting
    assert "Sanne Bakker" in as_draft and "Evaluation in draft" in as_draft
    assert "Sanne Bakker" not in section(page, "to-evaluate-title")
    assert "No evaluations to give." in page
    assert "Sanne Bakker" in section(page, "past-title") and "Evaluation submitted" in section(page, "past-title")


def test_only_ones_own_submitted_evaluation_counts(
    hank: User, cora: User, alice: User, application: Application, manager: Contact
) -> None:
    interview = in_the_past(
        make_interview(alice, application, kind=InterviewKind.BOTH, committee_members=[cora.contact])
    )
    Evaluation.objects.create(interview=interview, author=cora, submitted_at=timezone.now())

    assert "Sanne Bakker" in section(text(signed_in(hank).get(PORTAL)), "to-evaluate-title")
    assert "Sanne Bakker" not in section(text(signed_in(cora).get(PORTAL)), "to-evaluate-title")


def test_an_upcoming_interview_is_not_yet_to_evaluate(hank: User, hanks_interview: Interview) -> None:
    page = text(signed_in(hank).get(PORTAL))

    assert "Sanne Bakker" not in section(page, "to-evaluate-title")
    assert "Sanne Bakker" in section(page, "upcoming-title")


# --- Availability ---------------------------------------------------------------------------------


def add(browser: Client, day: Any, starts: str, ends: str, note: str = "") -> Any:
    return browser.post(
        AVAILABILITY,
        {"day": day if isinstance(day, str) else format_day(day), "starts": starts, "ends": ends, "note": note},
    )


def test_the_hiring_manager_gives_and_removes_a_time(hank: User) -> None:
    browser = signed_in(hank)
    day = soon(days=5).date()

    response = add(browser, day, "9:00", "12.30", "Liever ochtend")
    [slot] = Availability.objects.filter(user=hank)
    listed = text(browser.get(AVAILABILITY))
    start = text(browser.get(PORTAL))
    removed = browser.post(reverse("portal:availability_remove", args=[slot.pk]))

    assert response.status_code == 302
    assert timezone.localtime(slot.starts_at).strftime("%d-%m-%Y %H:%M") == f"{format_day(day)} 09:00"
    assert timezone.localtime(slot.ends_at).strftime("%H:%M") == "12:30"
    assert f"{format_day(day)} 09:00–12:30" in listed and "Liever ochtend" in listed
    assert f"{format_day(day)} 09:00–12:30" in start
    assert removed.status_code == 302
    assert not Availability.objects.filter(user=hank).exists()


def test_wrong_times_are_refused_in_dutch_next_to_the_field(hank: User) -> None:
    hank.language = "nl"
    hank.save(update_fields=["language"])
    browser = signed_in(hank)
    day = soon(days=5).date()
    add(browser, day, "9:00", "12:00")

    backwards = text(add(browser, day, "14:00", "13:00"))
    past = text(add(browser, timezone.localdate() - timedelta(days=1), "9:00", "10:00"))
    overlapping = text(add(browser, day, "11:00", "13:00"))
    bad_day = text(add(browser, "31-02-2027", "9:00", "10:00"))

    assert "De eindtijd moet na de begintijd liggen." in backwards.split('id="id_ends_errors"')[1]
    assert "Dit moment is voorbij; kies een tijd in de toekomst." in past
    assert "Dit overlapt met een tijd die je al hebt opgegeven" in overlapping
    assert "Die datum bestaat niet: 31-02-2027." in bad_day.split('id="id_day_errors"')[1]
    assert Availability.objects.filter(user=hank).count() == 1


def test_touching_slots_do_not_overlap(hank: User) -> None:
    browser = signed_in(hank)
    day = soon(days=5).date()

    add(browser, day, "9:00", "12:00")
    add(browser, day, "12:00", "14:00")

    assert Availability.objects.filter(user=hank).count() == 2


def test_someone_elses_time_cannot_be_removed(hank: User, cora: User) -> None:
    start = soon(days=5)
    hers = Availability.objects.create(user=cora, starts_at=start, ends_at=start + timedelta(hours=2))

    response = signed_in(hank).post(reverse("portal:availability_remove", args=[hers.pk]))

    assert response.status_code == 404
    assert Availability.objects.filter(pk=hers.pk).exists()
    assert "Remove" not in text(signed_in(hank).get(AVAILABILITY))


# --- Queries --------------------------------------------------------------------------------------


def count_queries(browser: Client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = browser.get(PORTAL)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_start_pages_queries_do_not_grow_with_the_interviews(
    alice: User, hank: User, cora: User, manager: Contact, vacancy: Vacancy
) -> None:
    browser = signed_in(hank)

    def plan(number: int) -> None:
        for n in range(number):
            interview = make_interview(
                alice,
                make_application(vacancy, f"Kandidaat{n}", f"Nummer{Interview.objects.count()}"),
                starts_at=soon(days=2 + n),
                kind=InterviewKind.BOTH,
                committee_members=[cora.contact],
            )
            interview.participants.add(hank)
            if n % 2:
                in_the_past(interview, days=n + 1)
                Evaluation.objects.create(interview=interview, author=hank)

    plan(1)
    few = count_queries(browser)
    plan(7)
    many = count_queries(browser)

    assert Interview.objects.count() == 8
    assert few == many


def test_the_portal_reads_in_dutch(hank: User, hanks_interview: Interview) -> None:
    hank.language = "nl"
    hank.save(update_fields=["language"])
    browser = signed_in(hank)

    start = text(browser.get(PORTAL))
    record = text(browser.get(reverse("portal:interview", args=[hanks_interview.pk])))
    slots = text(browser.get(AVAILABILITY))

    assert "Mijn gesprekken" in start and "Te geven beoordelingen" in start and "Eerdere gesprekken" in start
    assert "Tijd en plaats" in record and "Kandidaat en inschrijving" in record
    assert "Je geeft je beoordeling na het gesprek." in record
    assert "Mijn beschikbaarheid voor nieuwe gesprekken" in slots and "Tijd toevoegen" in slots
