"""plan_interviews (P5): "one interview each" spaced, and the batch checked against itself and what exists."""

import pytest

from regisseur.actions.planning import plan_interviews
from regisseur.core.errors import ConflictError, ServiceError
from regisseur.interviews.models import Interview, LocationPreset
from regisseur.interviews.planning import Planning
from tests.conftest import make_application, make_interview, soon


@pytest.fixture
def three(vacancy):
    return [
        make_application(vacancy, "Anna", "Eerst"),
        make_application(vacancy, "Bram", "Tweede"),
        make_application(vacancy, "Cees", "Derde"),
    ]


def test_one_each_is_spaced_by_the_minutes_between_starts(alice, three):
    planned = plan_interviews(
        actor=alice,
        applications=three,
        planning=Planning(starts_at=soon(days=5, hour=11), duration_minutes=45, participants=[alice]),
        spacing_minutes=45,
    )
    starts = [interview.starts_at for interview in planned.interviews]
    assert [start.astimezone(soon().tzinfo).strftime("%H:%M") for start in starts] == ["11:00", "11:45", "12:30"]
    assert [interview.application for interview in planned.interviews] == three
    assert all(interview.duration_minutes == 45 for interview in planned.interviews)


def test_all_at_once_with_the_same_colleague_is_refused_naming_the_colleague_and_the_new_interviews(alice, three):
    with pytest.raises(ConflictError) as raised:
        plan_interviews(
            actor=alice,
            applications=three,
            planning=Planning(starts_at=soon(days=5, hour=11), duration_minutes=45, participants=[alice]),
            spacing_minutes=0,
        )
    details = raised.value.details
    assert {(c.resource, c.name) for c in details} == {("participant", str(alice))}
    assert all(c.interview is None for c in details)
    pairs = {(c.planned_for, c.other_planned) for c in details}
    assert pairs == {("Anna Eerst", "Bram Tweede"), ("Anna Eerst", "Cees Derde"), ("Bram Tweede", "Cees Derde")}
    assert not Interview.objects.exists()


def test_spacing_shorter_than_the_duration_overlaps_only_the_neighbours(alice, three):
    with pytest.raises(ConflictError) as raised:
        plan_interviews(
            actor=alice,
            applications=three,
            planning=Planning(starts_at=soon(days=5, hour=11), duration_minutes=45, interviewer="Jan Smit"),
            spacing_minutes=30,
        )
    assert {(c.resource, c.planned_for, c.other_planned) for c in raised.value.details} == {
        ("interviewer", "Anna Eerst", "Bram Tweede"),
        ("interviewer", "Bram Tweede", "Cees Derde"),
    }


def test_all_at_once_with_different_people_and_no_shared_room_is_fine(alice, three):
    planned = plan_interviews(
        actor=alice,
        applications=three,
        planning=Planning(starts_at=soon(days=5, hour=11), duration_minutes=45),
        spacing_minutes=0,
    )
    assert {interview.starts_at for interview in planned.interviews} == {soon(days=5, hour=11)}


def test_the_same_room_twice_at_once_is_a_clash_within_the_batch(alice, acme, three):
    room = LocationPreset.objects.create(organisation=acme, name="Kamer 1", location="Damrak 1, kamer 1")
    with pytest.raises(ConflictError) as raised:
        plan_interviews(
            actor=alice,
            applications=three[:2],
            planning=Planning(starts_at=soon(days=5, hour=11), duration_minutes=45, location_preset=room),
            spacing_minutes=0,
        )
    assert [(c.resource, c.planned_for, c.other_planned) for c in raised.value.details] == [
        ("location", "Anna Eerst", "Bram Tweede")
    ]


def test_an_existing_interview_of_the_colleague_clashes_with_the_one_new_interview_at_that_time(alice, vacancy, three):
    other = make_interview(
        alice, make_application(vacancy, "Dirk", "Bezet"), starts_at=soon(days=5, hour=12), participants=[alice]
    )
    with pytest.raises(ConflictError) as raised:
        plan_interviews(
            actor=alice,
            applications=three,
            planning=Planning(starts_at=soon(days=5, hour=11), duration_minutes=45, participants=[alice]),
            spacing_minutes=45,
        )
    # 11:45-12:30 and 12:30-13:15 overlap Dirk's 12:00-13:00; 11:00-11:45 does not.
    assert {(c.interview, c.planned_for) for c in raised.value.details} == {
        (other, "Bram Tweede"),
        (other, "Cees Derde"),
    }
    assert Interview.objects.count() == 1


def test_a_candidate_planned_again_at_the_same_time_is_a_conflict_not_a_duplicate(alice, three):
    planning = Planning(starts_at=soon(days=5, hour=11), duration_minutes=45)
    plan_interviews(actor=alice, applications=three, planning=planning, spacing_minutes=45)
    with pytest.raises(ConflictError) as raised:
        plan_interviews(actor=alice, applications=three, planning=planning, spacing_minutes=45)
    assert {c.resource for c in raised.value.details} == {"candidate"}
    assert Interview.objects.count() == 3


def test_plan_anyway_plans_the_clashing_batch(alice, three):
    planned = plan_interviews(
        actor=alice,
        applications=three,
        planning=Planning(starts_at=soon(days=5, hour=11), duration_minutes=45, participants=[alice]),
        spacing_minutes=0,
        force=True,
    )
    assert len(planned.interviews) == 3


def test_a_group_interview_ignores_the_spacing(alice, three):
    planned = plan_interviews(
        actor=alice,
        applications=three,
        planning=Planning(starts_at=soon(days=5, hour=11), duration_minutes=90, participants=[alice]),
        as_group=True,
        spacing_minutes=45,
    )
    assert {interview.starts_at for interview in planned.interviews} == {soon(days=5, hour=11)}
    assert planned.group_id is not None


@pytest.mark.parametrize("spacing", [-1, 24 * 60 + 1])
def test_spacing_outside_a_day_is_refused(alice, three, spacing):
    with pytest.raises(ServiceError) as raised:
        plan_interviews(
            actor=alice,
            applications=three,
            planning=Planning(starts_at=soon(days=5, hour=11), duration_minutes=45),
            spacing_minutes=spacing,
        )
    assert raised.value.field == "spacing_minutes"
