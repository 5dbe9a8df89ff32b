"""No double booking (issue 7, item 3): simultaneous plans, bulk plans and changes for one resource.

Each contender is a real thread with its own PostgreSQL connection, released together by a
barrier, in a transaction=True test: what keeps them apart is the advisory lock that
interviews.conflicts takes on every resource before it checks. Of N requests for the same
colleague, candidate, room or interviewer at the same time exactly one succeeds, the others
are refused with a conflict; nobody deadlocks (every thread finishes, and a deadlock would end
one with a database error instead of a conflict). SQLite runs one writer at a time (IMMEDIATE
transactions), so there is no race to test and the module is skipped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import itertools
import json
import os
import tempfile
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client as HttpClient

from regisseur.accounts.models import Role, User
from regisseur.accounts.services import create_user
from regisseur.actions.changes import change_interview, link_application, reschedule_interview
from regisseur.actions.planning import plan_interview, plan_interviews
from regisseur.api.models import ApiKey
from regisseur.core.errors import ConflictError
from regisseur.interviews.models import Interview, InterviewStatus, LocationPreset
from regisseur.interviews.planning import Planning, planning_of
from regisseur.recruitment.models import Application
from tests.conftest import make_application, make_interview, soon

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: on SQLite writers are already one at a time (IMMEDIATE), no advisory locks to race",
    ),
    pytest.mark.django_db(transaction=True),
]

CONTENDERS = 50
CREATED = "created"
CONFLICT = "conflict"
# Every contender must be done well within this; a thread still waiting means a lock is never released.
DEADLINE_SECONDS = 120


@contextlib.contextmanager
def one_race_at_a_time() -> Iterator[None]:
    """Across the test processes (pytest -n) and checkouts sharing this PostgreSQL server: 51
    connections per race, two races at once would pass the server's 100 (max_connections)."""
    with open(os.path.join(tempfile.gettempdir(), "regisseur-postgres-races.lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def race(count: int, attempt: Callable[[int], Any], prepare: Callable[[int], Any] = lambda index: None) -> list[Any]:
    """Run attempt(index, prepared) in `count` threads at once: CREATED, CONFLICT, or the unexpected error."""
    with one_race_at_a_time():
        return _race(count, attempt, prepare)


def _race(count: int, attempt: Callable[[int], Any], prepare: Callable[[int], Any]) -> list[Any]:
    start_together = threading.Barrier(count)
    outcomes: list[Any] = [None] * count

    def contender(index: int) -> None:
        try:
            prepared = prepare(index)  # on this thread's own connection, before the start
            start_together.wait(timeout=60)
            outcomes[index] = attempt(index, prepared)
        except ConflictError as error:
            outcomes[index] = (CONFLICT, error)
        except BaseException as error:  # reported by the test, in the main thread
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=contender, args=(index,), name=f"contender-{index}") for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DEADLINE_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a contender is still waiting: deadlock or lost lock"
    return outcomes


def tally(outcomes: list[Any]) -> Counter[str]:
    unexpected = [outcome for outcome in outcomes if not (outcome == CREATED or _is_conflict(outcome))]
    assert not unexpected, unexpected[:3]
    return Counter(CONFLICT if _is_conflict(outcome) else CREATED for outcome in outcomes)


def _is_conflict(outcome: Any) -> bool:
    return isinstance(outcome, tuple) and outcome[0] == CONFLICT


def conflicts_of(outcomes: list[Any]) -> list[Any]:
    return [clash for outcome in outcomes if _is_conflict(outcome) for clash in outcome[1].details]


def fresh(application: Application) -> Application:
    return Application.objects.select_related("candidate", "vacancy__client").get(pk=application.pk)


def colleague(acme: Any, name: str) -> User:
    first, last = name.split()
    return create_user(
        username=name.lower().replace(" ", "."),
        password=None,
        organisation=acme,
        role=Role.RECRUITER,
        first_name=first,
        last_name=last,
        email=f"{first.lower()}@acme.test",
    )


@pytest.fixture
def candidates(vacancy: Any) -> list[Application]:
    return [make_application(vacancy, f"Kandidaat{n}", f"Achternaam{n}") for n in range(CONTENDERS)]


def plan_each(alice: User, applications: list[Application], **planning: Any) -> list[Any]:
    """Every contender plans one interview at the same moment, each for its own application."""
    moment = planning.pop("starts_at", soon(days=7, hour=11))

    def attempt(index: int, application: Application) -> str:
        plan_interview(
            actor=alice,
            application=application,
            planning=Planning(starts_at=moment, duration_minutes=60, **planning),
        )
        return CREATED

    return race(len(applications), attempt, lambda index: fresh(applications[index]))


def test_50_plans_for_the_same_colleague_create_one_interview(alice, acme, candidates):
    sanne = colleague(acme, "Sanne Visser")
    outcomes = plan_each(alice, candidates, participants=[sanne])
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 49})
    winner = Interview.objects.get()
    assert list(winner.participants.all()) == [sanne]
    assert {(clash.resource, clash.name, clash.interview.pk) for clash in conflicts_of(outcomes)} == {
        ("participant", "Sanne Visser", winner.pk)
    }


def test_50_plans_for_the_same_candidate_create_one_interview(alice, application):
    outcomes = plan_each(alice, [application] * CONTENDERS)
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 49})
    assert {(clash.resource, clash.name) for clash in conflicts_of(outcomes)} == {("candidate", "Sanne Bakker")}
    assert Interview.objects.get().application == application


def test_50_plans_in_the_same_room_create_one_interview(alice, acme, candidates):
    room = LocationPreset.objects.create(organisation=acme, name="Kamer 1", location="Stationsplein 1, Utrecht")
    outcomes = plan_each(alice, candidates, location_preset=room)
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 49})
    assert {clash.resource for clash in conflicts_of(outcomes)} == {"location"}
    assert Interview.objects.get().location_preset == room


def test_50_plans_at_the_same_typed_place_in_any_case_and_spacing_create_one_interview(alice, candidates):
    spellings = [
        "Kamer 1, Stationsplein",
        "kamer 1, stationsplein",
        "  KAMER 1,  Stationsplein ",
        "Kamer\t1, STATIONSPLEIN",
    ]
    moment = soon(days=7, hour=11)

    def attempt(index: int, application: Application) -> str:
        plan_interview(
            actor=alice,
            application=application,
            planning=Planning(starts_at=moment, duration_minutes=60, location=spellings[index % len(spellings)]),
        )
        return CREATED

    outcomes = race(CONTENDERS, attempt, lambda index: fresh(candidates[index]))
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 49})
    assert {clash.resource for clash in conflicts_of(outcomes)} == {"location"}


def test_50_plans_with_the_same_interviewer_name_create_one_interview(alice, candidates):
    names = ["Jan Smit", "jan smit", " JAN  SMIT"]
    moment = soon(days=7, hour=11)

    def attempt(index: int, application: Application) -> str:
        plan_interview(
            actor=alice,
            application=application,
            planning=Planning(starts_at=moment, duration_minutes=60, interviewer=names[index % len(names)]),
        )
        return CREATED

    outcomes = race(CONTENDERS, attempt, lambda index: fresh(candidates[index]))
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 49})
    assert {clash.resource for clash in conflicts_of(outcomes)} == {"interviewer"}


def test_50_api_requests_for_the_same_colleague_answer_one_201_and_49_409(alice, acme, candidates):
    sanne = colleague(acme, "Sanne Visser")
    _key, token = ApiKey.issue(user=alice, name="race")
    moment = soon(days=7, hour=11)

    def attempt(index: int, browser: HttpClient) -> Any:
        body = {
            "application_id": candidates[index].pk,
            "starts_at": moment.isoformat(),
            "duration_minutes": 60,
            "participant_user_ids": [sanne.pk],
        }
        response = browser.post("/api/v1/interviews", json.dumps(body), content_type="application/json")
        return response.status_code, json.loads(response.content)

    answers = race(CONTENDERS, attempt, lambda index: HttpClient(headers={"Authorization": f"Bearer {token}"}))
    assert Counter(status for status, _body in answers) == Counter({201: 1, 409: 49})
    winner = Interview.objects.get()
    refusals = [body["error"] for status, body in answers if status == 409]
    assert {error["code"] for error in refusals} == {"conflict"}
    assert {
        (clash["resource"], clash["name"], clash["interview_id"]) for error in refusals for clash in error["conflicts"]
    } == {("participant", "Sanne Visser", winner.pk)}


@pytest.mark.parametrize("mode", ["each", "group"])
def test_20_bulk_plans_sharing_a_colleague_create_one_whole_batch(alice, acme, vacancy, mode):
    sanne = colleague(acme, "Sanne Visser")
    batches = [[make_application(vacancy, f"B{batch}n{n}", "Kandidaat") for n in range(3)] for batch in range(20)]
    moment = soon(days=7, hour=11)

    def attempt(index: int, selection: list[Application]) -> str:
        plan_interviews(
            actor=alice,
            applications=selection,
            planning=Planning(starts_at=moment, duration_minutes=45, participants=[sanne]),
            as_group=mode == "group",
            spacing_minutes=45,
        )
        return CREATED

    outcomes = race(len(batches), attempt, lambda index: [fresh(application) for application in batches[index]])
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 19})
    # All or nothing: the three interviews of exactly one batch.
    winner = batches[outcomes.index(CREATED)]
    planned = Interview.objects.order_by("starts_at", "application_id")
    assert sorted(interview.application_id for interview in planned) == sorted(a.pk for a in winner)
    if mode == "group":
        assert len({interview.group_id for interview in planned}) == 1
        assert {interview.starts_at for interview in planned} == {moment}
    else:
        assert [interview.starts_at for interview in planned] == [moment + timedelta(minutes=45 * n) for n in range(3)]


def test_50_reschedules_into_one_slot_move_exactly_one_interview(alice, acme, candidates):
    sanne = colleague(acme, "Sanne Visser")
    before = {}
    for index, application in enumerate(candidates):
        interview = make_interview(
            alice, application, starts_at=soon(days=8, hour=8) + timedelta(hours=index), participants=[sanne]
        )
        before[interview.pk] = interview.starts_at
    target = soon(days=7, hour=11)
    ids = sorted(before)

    def attempt(index: int, interview: Interview) -> str:
        reschedule_interview(actor=alice, interview=interview, starts_at=target)
        return CREATED

    outcomes = race(CONTENDERS, attempt, lambda index: Interview.objects.get(pk=ids[index]))
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 49})
    moved = Interview.objects.filter(starts_at=target)
    assert moved.count() == 1
    # The others stayed where they were.
    for interview in Interview.objects.exclude(pk=moved.get().pk):
        assert interview.starts_at == before[interview.pk]


def test_50_changes_adding_the_same_colleague_at_one_time_succeed_once(alice, acme, candidates):
    """Each interview at 11:00 with its own colleague; each change adds Sanne: she can join only one."""
    sanne = colleague(acme, "Sanne Visser")
    others = [colleague(acme, f"Collega{n} Achternaam{n}") for n in range(CONTENDERS)]
    ids = [
        make_interview(alice, application, starts_at=soon(days=7, hour=11), participants=[other]).pk
        for application, other in zip(candidates, others, strict=True)
    ]

    def attempt(index: int, interview: Interview) -> str:
        planning = dataclasses.replace(planning_of(interview), participants=[others[index], sanne])
        change_interview(actor=alice, interview=interview, planning=planning)
        return CREATED

    outcomes = race(CONTENDERS, attempt, lambda index: Interview.objects.get(pk=ids[index]))
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 49})
    assert Interview.objects.filter(participants=sanne).count() == 1


def test_50_rounds_at_one_time_linked_to_the_same_candidate_link_one(alice, vacancy, application):
    moment = soon(days=7, hour=11)
    rounds = [
        plan_interview(
            actor=alice,
            vacancy=vacancy,
            planning=Planning(starts_at=moment, duration_minutes=60, round_name=f"Ronde {n}"),
        )
        .interviews[0]
        .pk
        for n in range(CONTENDERS)
    ]

    def attempt(index: int, interview: Interview) -> str:
        link_application(actor=alice, interview=interview, application=fresh(application))
        return CREATED

    outcomes = race(CONTENDERS, attempt, lambda index: Interview.objects.get(pk=rounds[index]))
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 49})
    assert Interview.objects.filter(application=application).count() == 1


def test_a_group_moved_while_others_plan_into_its_new_slot_never_double_books(alice, acme, vacancy, candidates):
    """One contender moves a whole group (scope group) to 11:00, the others plan single interviews there."""
    sanne = colleague(acme, "Sanne Visser")
    group = plan_interviews(
        actor=alice,
        applications=[make_application(vacancy, f"Groep{n}", "Lid") for n in range(3)],
        planning=Planning(starts_at=soon(days=8, hour=9), duration_minutes=60, participants=[sanne]),
        as_group=True,
    ).interviews
    target = soon(days=7, hour=11)

    def attempt(index: int, prepared: Any) -> str:
        if index == 0:
            reschedule_interview(actor=alice, interview=prepared, starts_at=target, scope="group")
        else:
            plan_interview(
                actor=alice,
                application=prepared,
                planning=Planning(starts_at=target, duration_minutes=60, participants=[sanne]),
            )
        return CREATED

    def prepare(index: int) -> Any:
        return Interview.objects.get(pk=group[0].pk) if index == 0 else fresh(candidates[index])

    outcomes = race(CONTENDERS, attempt, prepare)
    assert tally(outcomes) == Counter({CREATED: 1, CONFLICT: 49})
    at_target = Interview.objects.filter(starts_at=target)
    # Either the whole group moved, or one single interview was planned: never both.
    assert at_target.count() in {1, 3}
    assert len({interview.group_id for interview in at_target}) == 1


def test_forced_plans_are_all_created(alice, acme, candidates):
    sanne = colleague(acme, "Sanne Visser")
    moment = soon(days=7, hour=11)

    def attempt(index: int, application: Application) -> str:
        plan_interview(
            actor=alice,
            application=application,
            planning=Planning(starts_at=moment, duration_minutes=60, participants=[sanne]),
            force=True,
        )
        return CREATED

    outcomes = race(10, attempt, lambda index: fresh(candidates[index]))
    assert tally(outcomes) == Counter({CREATED: 10})
    assert Interview.objects.filter(participants=sanne).count() == 10


def test_overlapping_resources_taken_in_every_order_never_deadlock_nor_double_book(alice, acme, candidates):
    """Forty plans, each with two or three of four colleagues in its own order, in a room or not."""
    people = [colleague(acme, f"Collega{n} Achternaam{n}") for n in range(4)]
    choices = [list(pair) for size in (2, 3) for pair in itertools.permutations(people, size)]
    moment = soon(days=7, hour=11)

    def attempt(index: int, application: Application) -> str:
        plan_interview(
            actor=alice,
            application=application,
            planning=Planning(
                starts_at=moment + timedelta(minutes=15 * (index % 3)),
                duration_minutes=60,
                participants=choices[index % len(choices)],
                location="Kamer 1" if index % 2 else "",
            ),
        )
        return CREATED

    outcomes = race(40, attempt, lambda index: fresh(candidates[index]))
    assert tally(outcomes)[CREATED] >= 1
    planned = list(Interview.objects.exclude(status=InterviewStatus.CANCELLED).prefetch_related("participants"))
    for first, second in itertools.combinations(planned, 2):
        if first.starts_at < second.ends_at and second.starts_at < first.ends_at:
            shared = {p.pk for p in first.participants.all()} & {p.pk for p in second.participants.all()}
            assert not shared, (first, second)
            assert not (first.location and first.location == second.location), (first, second)
