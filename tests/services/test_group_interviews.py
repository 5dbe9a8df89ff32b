"""A group interview is one event: changing, moving and cancelling it through the actions."""

from datetime import timedelta

import pytest

from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import change_interview, reschedule_interview
from regisseur.actions.planning import ReminderChoice, plan_interviews
from regisseur.core.errors import ConflictError
from regisseur.interviews.models import InterviewEvent, InterviewStatus, InterviewType
from regisseur.interviews.planning import Planning, planning_of
from regisseur.reminders.models import ReminderState
from tests.conftest import make_application, make_interview, soon


@pytest.fixture
def group(alice, vacancy):
    applications = [make_application(vacancy, first, "Groep") for first in ("Anna", "Bram", "Cees")]
    return plan_interviews(
        actor=alice,
        applications=applications,
        planning=Planning(starts_at=soon(days=8), duration_minutes=90, participants=[alice], location="Zaal 1"),
        as_group=True,
        reminder=ReminderChoice(channel="email", days_before=2),
    ).interviews


def _fresh(interviews):
    return [type(interview).objects.get(pk=interview.pk) for interview in interviews]


def test_a_group_is_planned_as_one_event_with_one_reminder_each(group):
    assert len({interview.group_id for interview in group}) == 1
    assert {interview.type for interview in group} == {InterviewType.GROUP}
    assert all(interview.reminder.state == ReminderState.SCHEDULED for interview in _fresh(group))


def test_moving_one_member_moves_the_whole_group_and_its_reminders(alice, group):
    first = group[0]
    before = {interview.pk: interview.reminder.due_at for interview in _fresh(group)}
    reschedule_interview(actor=alice, interview=first, starts_at=first.starts_at + timedelta(days=1))
    moved = _fresh(group)
    assert {interview.starts_at for interview in moved} == {first.starts_at + timedelta(days=1)}
    assert len({interview.group_id for interview in moved}) == 1
    for interview in moved:
        assert interview.reminder.due_at == before[interview.pk] + timedelta(days=1)
        assert interview.events.first().action == InterviewEvent.Action.RESCHEDULED


def test_the_group_does_not_conflict_with_itself_when_it_changes(alice, group):
    planning = planning_of(group[1])
    planning.location = "Zaal 2"
    changed = change_interview(actor=alice, interview=group[1], planning=planning)
    assert len(changed.change.interviews) == 3
    assert {interview.location for interview in _fresh(group)} == {"Zaal 2"}


def test_only_this_candidate_leaves_the_group_for_an_interview_of_their_own(alice, group):
    leaving = group[2]
    planning = planning_of(leaving)
    planning.starts_at = leaving.starts_at + timedelta(hours=3)
    changed = change_interview(actor=alice, interview=leaving, planning=planning, scope="this")
    assert changed.change.left_group
    alone, *others = _fresh([leaving, group[0], group[1]])
    assert alone.group_id is None and alone.type == InterviewType.IN_PERSON
    assert alone.starts_at == leaving.starts_at + timedelta(hours=3)
    assert {other.starts_at for other in others} == {group[0].starts_at}
    assert {other.group_id for other in others} == {group[0].group_id}


def test_leaving_the_group_at_the_same_time_with_the_same_colleague_is_a_double_booking(alice, group):
    with pytest.raises(ConflictError) as refused:
        change_interview(actor=alice, interview=group[0], planning=planning_of(group[0]), scope="this")
    assert {conflict.resource for conflict in refused.value.details} >= {"participant", "location"}


def test_cancelling_a_member_cancels_the_whole_group_and_every_reminder(alice, group):
    cancelled = cancel_interview(actor=alice, interview=group[1], reason="Client cancelled")
    assert len(cancelled.interviews) == 3
    for interview in _fresh(group):
        assert interview.status == InterviewStatus.CANCELLED
        assert interview.reminder.state == ReminderState.CANCELLED


def test_a_cancelled_group_frees_the_colleague(alice, group, vacancy):
    cancel_interview(actor=alice, interview=group[0])
    dirk = make_application(vacancy, "Dirk", "Later")
    other = make_interview(alice, dirk, starts_at=group[0].starts_at, participants=[alice], force=False)
    assert other.status == InterviewStatus.PLANNED
