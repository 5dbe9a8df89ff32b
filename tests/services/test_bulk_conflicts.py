"""Bulk planning (P5) checks the whole batch, against what exists and against itself, in a fixed number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regisseur.actions.changes import reschedule_interview
from regisseur.actions.planning import plan_interviews
from regisseur.core.errors import ConflictError
from regisseur.interviews.models import Guideline, Interview, InterviewEvent, LocationPreset
from regisseur.interviews.planning import Planning
from regisseur.recruitment.models import Application, ApplicationStage, Contact
from tests.conftest import make_application, make_interview, soon


def applications(vacancy, count, prefix="Kandidaat"):
    return [make_application(vacancy, f"{prefix}{n}", f"Achternaam{n}") for n in range(count)]


def spaced(alice, selection, *, starts_at=None, spacing=45, **planning):
    planning.setdefault("duration_minutes", 45)
    return plan_interviews(
        actor=alice,
        applications=selection,
        planning=Planning(starts_at=starts_at or soon(days=10, hour=9), **planning),
        spacing_minutes=spacing,
    ).interviews


def test_each_is_spaced_from_the_first_start(alice, vacancy):
    interviews = spaced(alice, applications(vacancy, 3), participants=[alice], location="Kamer 1")
    starts = [interview.starts_at for interview in interviews]
    assert starts == [soon(days=10, hour=9) + timedelta(minutes=45 * n) for n in range(3)]
    assert [list(interview.participants.all()) for interview in interviews] == [[alice]] * 3
    assert all(interview.events.get().action == InterviewEvent.Action.PLANNED for interview in interviews)
    assert {interview.application.stage for interview in Interview.objects.select_related("application")} == {
        ApplicationStage.INTERVIEW
    }


def test_a_shared_colleague_at_one_moment_is_refused_and_nothing_is_planned(alice, vacancy):
    with pytest.raises(ConflictError) as raised:
        spaced(alice, applications(vacancy, 3), spacing=0, participants=[alice])
    assert not Interview.objects.exists()
    clashes = raised.value.details
    assert {(c.resource, c.name, c.interview) for c in clashes} == {("participant", "Alice de Vries", None)}
    assert {c.planned_for for c in clashes} == {"Kandidaat0 Achternaam0", "Kandidaat1 Achternaam1"}


def test_spacing_shorter_than_the_duration_clashes_within_the_batch(alice, vacancy):
    with pytest.raises(ConflictError) as raised:
        spaced(alice, applications(vacancy, 3), spacing=30, duration_minutes=45, interviewer="Jan Smit")
    assert {(c.resource, c.name) for c in raised.value.details} == {("interviewer", "Jan Smit")}
    assert len(raised.value.details) == 2  # first with second, second with third


@pytest.mark.parametrize(
    ("planned", "asked"),
    [("Kamer 1, Stationsplein", "  kamer 1,   STATIONSPLEIN "), ("Kamer\n1", "kamer 1")],
)
def test_a_free_text_location_clashes_whatever_its_case_and_spaces(alice, vacancy, planned, asked):
    existing = make_interview(alice, make_application(vacancy, "Eerste", "Kandidaat"), location=planned)
    with pytest.raises(ConflictError) as raised:
        make_interview(alice, make_application(vacancy, "Tweede", "Kandidaat"), location=asked, force=False)
    assert [(c.resource, c.interview) for c in raised.value.details] == [("location", existing)]


def test_a_free_text_interviewer_clashes_whatever_its_case_and_spaces(alice, vacancy):
    existing = make_interview(alice, make_application(vacancy, "Eerste", "Kandidaat"), interviewer="Jan  Smit")
    with pytest.raises(ConflictError) as raised:
        make_interview(alice, make_application(vacancy, "Tweede", "Kandidaat"), interviewer="jan smit", force=False)
    assert [(c.resource, c.interview) for c in raised.value.details] == [("interviewer", existing)]


def test_a_similar_text_is_not_a_clash(alice, vacancy):
    make_interview(alice, make_application(vacancy, "Eerste", "Kandidaat"), location="Kamer 1", interviewer="Jan")
    assert make_interview(
        alice,
        make_application(vacancy, "Tweede", "Kandidaat"),
        location="Kamer 10",
        interviewer="Jan Smit",
        force=False,
    ).pk


def test_a_clash_late_in_a_long_batch_is_found_behind_many_busy_hours(alice, ada, vacancy):
    """The colleague is busy in every gap of a day-long batch; only the last slot really clashes."""
    first = soon(days=10, hour=8)
    make_interview(alice, make_application(vacancy, "Bezet", "Kandidaat"), starts_at=first)  # makes the vacancy's rows
    busy = Interview.objects.get()
    gaps = [first + timedelta(minutes=60 * n + 30) for n in range(300)]  # between the batch's 30-minute slots
    Interview.objects.bulk_create(
        Interview(
            organisation=busy.organisation,
            vacancy=vacancy,
            starts_at=moment,
            ends_at=moment + timedelta(minutes=30),
            duration_minutes=30,
            round_name="Ander gesprek",
        )
        for moment in gaps
    )
    through = Interview.participants.through
    through.objects.bulk_create(through(interview=row, user=ada) for row in Interview.objects.exclude(pk=busy.pk))
    selection = applications(vacancy, 12)
    last = first + timedelta(minutes=60 * 11)
    late = make_interview(alice, make_application(vacancy, "Laat", "Bezet"), starts_at=last + timedelta(minutes=65))
    late.participants.set([ada])
    with pytest.raises(ConflictError) as raised:
        spaced(
            alice,
            selection,
            starts_at=first + timedelta(minutes=60),
            spacing=60,
            duration_minutes=30,
            participants=[ada],
        )
    assert [(c.interview, c.planned_for) for c in raised.value.details] == [(late, "Kandidaat11 Achternaam11")]


def test_a_reschedule_into_a_free_text_clash_is_refused(alice, vacancy):
    make_interview(alice, make_application(vacancy, "Eerste", "Kandidaat"), starts_at=soon(hour=10), location="Zaal A")
    other = make_interview(
        alice, make_application(vacancy, "Tweede", "Kandidaat"), starts_at=soon(hour=14), location="zaal  a"
    )
    with pytest.raises(ConflictError):
        reschedule_interview(actor=alice, interview=other, starts_at=soon(hour=10) + timedelta(minutes=30))


def queries_to_plan(alice, vacancy, acme, count, prefix):
    preset = LocationPreset.objects.get_or_create(organisation=acme, name="Kantoor", location="Stationsplein 1")[0]
    guideline = Guideline.objects.get_or_create(organisation=acme, title="STAR", body="…")[0]
    Contact.objects.get_or_create(client=vacancy.client, name="Cees Commissie", email="cees@jansen.test")
    member = Contact.objects.select_related("client").get(name="Cees Commissie")
    selection = list(
        Application.objects.filter(pk__in=[a.pk for a in applications(vacancy, count, prefix)])
        .select_related("candidate", "vacancy__client")
        .order_by("pk")
    )
    first = soon(days=12 + count, hour=9)
    # In the first gap of the batch: read by the check, no clash.
    between = make_interview(
        alice,
        make_application(vacancy, prefix, "Bestaand"),
        starts_at=first + timedelta(minutes=45),
        duration_minutes=15,
    )
    between.participants.set([alice])
    with CaptureQueriesContext(connection) as queries:
        interviews = spaced(
            alice,
            selection,
            starts_at=first,
            spacing=60,
            participants=[alice],
            committee_members=[member],
            guidelines=[guideline],
            location_preset=preset,
            interviewer="Jan Smit",
        )
    assert len(interviews) == count
    return len(queries)


def test_bulk_planning_takes_the_same_number_of_queries_for_3_or_30_candidates(alice, vacancy, acme):
    few = queries_to_plan(alice, vacancy, acme, 3, "Weinig")
    many = queries_to_plan(alice, vacancy, acme, 30, "Veel")
    assert few == many, (few, many)
    assert many <= 20
    planned = Interview.objects.filter(committee_members__isnull=False).prefetch_related("participants", "guidelines")
    assert len(planned) == 33
    assert all([g.title for g in interview.guidelines.all()] == ["STAR"] for interview in planned)


def test_the_longest_interview_still_clashes_at_its_end(alice, vacancy):
    long = make_interview(
        alice,
        make_application(vacancy, "Lang", "Gesprek"),
        starts_at=soon(hour=9),
        duration_minutes=480,
        location="Zaal B",
    )
    with pytest.raises(ConflictError) as raised:
        make_interview(
            alice,
            make_application(vacancy, "Laat", "Gesprek"),
            starts_at=soon(hour=16) + timedelta(minutes=59),
            location="Zaal B",
            force=False,
        )
    assert [c.interview for c in raised.value.details] == [long]
