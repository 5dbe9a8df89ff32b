"""plan_interview, reschedule, update, cancel, outcome, link: what a recruiter would check."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.changes import link_application, record_outcome, reschedule_interview
from regisseur.actions.planning import plan_interview, plan_interviews
from regisseur.core.errors import ConflictError, Forbidden, ServiceError
from regisseur.interviews.models import (
    ConfirmationStatus,
    Guideline,
    Interview,
    InterviewEvent,
    InterviewStatus,
    LocationPreset,
)
from regisseur.interviews.planning import Planning
from regisseur.recruitment.models import ApplicationStage, ApplicationStatus, Contact
from tests.conftest import change_fields, make_application, make_interview, soon


def test_planning_stores_every_field(alice, ada, application, client_company, acme):
    preset = LocationPreset.objects.create(organisation=acme, name="Kantoor Utrecht", location="Stationsplein 1")
    star = Guideline.objects.create(organisation=acme, title="STAR", body="Situation, Task, Action, Result")
    member = Contact.objects.create(client=client_company, name="Kees", email="kees@jansen.test")
    interview = plan_interview(
        actor=alice,
        application=application,
        planning=Planning(
            starts_at=soon(),
            duration_minutes=45,
            time_zone="Europe/Amsterdam",
            type="video",
            kind="both",
            location_preset=preset,
            reason="Eerste gesprek",
            interviewer="Alice",
            participants=[alice, ada],
            committee_members=[member],
            guidelines=[star],
            memo="Private note",
            report="",
        ),
    ).interviews[0]
    interview.refresh_from_db()
    assert interview.ends_at - interview.starts_at == timedelta(minutes=45)
    assert interview.location == "Stationsplein 1"  # the preset fills the free-text location
    assert (interview.type, interview.kind, interview.reason) == ("video", "both", "Eerste gesprek")
    assert set(interview.participants.all()) == {alice, ada}
    assert list(interview.committee_members.all()) == [member]
    assert list(interview.guidelines.all()) == [star]
    assert interview.memo == "Private note"
    assert interview.status == InterviewStatus.PLANNED
    assert interview.confirmation_status == ConfirmationStatus.PENDING
    assert interview.vacancy_id == application.vacancy_id
    application.refresh_from_db()
    assert application.stage == ApplicationStage.INTERVIEW
    assert interview.events.get().action == InterviewEvent.Action.PLANNED


def test_a_typed_location_wins_over_the_preset(alice, application, acme):
    preset = LocationPreset.objects.create(organisation=acme, name="Kantoor", location="Stationsplein 1")
    interview = make_interview(alice, application, location_preset=preset, location="Room 4, Stationsplein 1")
    assert interview.location == "Room 4, Stationsplein 1"


@pytest.mark.parametrize(
    ("changes", "code", "field"),
    [
        ({"starts_at": timezone.now() - timedelta(hours=1)}, "in_the_past", "starts_at"),
        ({"time_zone": "Mars/Olympus"}, "invalid_time_zone", "time_zone"),
        ({"duration_minutes": 0}, "invalid_duration", "duration_minutes"),
        ({"duration_minutes": -5}, "invalid_duration", "duration_minutes"),
        ({"duration_minutes": 100_000}, "invalid_duration", "duration_minutes"),
        ({"reason": "x" * 201}, "too_long", "reason"),
        ({"memo": "x" * 5001}, "too_long", "memo"),
        ({"type": "carrier_pigeon"}, "invalid_choice", "type"),
        ({"kind": "everyone"}, "invalid_choice", "kind"),
    ],
)
def test_bad_planning_is_refused_and_changes_nothing(alice, application, changes, code, field):
    values = {"starts_at": soon(), "duration_minutes": 60, **changes}
    with pytest.raises(ServiceError) as raised:
        plan_interview(actor=alice, application=application, planning=Planning(**values))
    assert (raised.value.code, raised.value.field) == (code, field)
    assert raised.value.message
    assert not Interview.objects.exists()
    assert not InterviewEvent.objects.exists()


def test_someone_elses_participants_locations_and_applications_are_refused(alice, mallory, application, rival):
    foreign_preset = LocationPreset.objects.create(organisation=rival, name="Elsewhere", location="Far away")
    for planning in (
        Planning(starts_at=soon(), duration_minutes=60, participants=[mallory]),
        Planning(starts_at=soon(), duration_minutes=60, location_preset=foreign_preset),
    ):
        with pytest.raises(ServiceError) as raised:
            plan_interview(actor=alice, application=application, planning=planning)
        assert raised.value.code == "not_found"
    with pytest.raises(ServiceError):
        plan_interview(actor=mallory, application=application, planning=Planning(starts_at=soon(), duration_minutes=60))
    assert not Interview.objects.exists()


def test_only_recruiters_plan(hank, cora, application):
    for user in (hank, cora):
        with pytest.raises(Forbidden):
            make_interview(user, application)


def test_withdrawn_applications_cannot_be_planned(alice, application):
    application.status = ApplicationStatus.WITHDRAWN
    application.save()
    with pytest.raises(ServiceError) as raised:
        make_interview(alice, application)
    assert raised.value.code == "application_not_active"


class TestConflicts:
    def test_the_same_participating_user_is_a_conflict(self, alice, vacancy):
        first = make_interview(alice, make_application(vacancy, "A", "One"), participants=[alice])
        with pytest.raises(ConflictError) as raised:
            make_interview(
                alice,
                make_application(vacancy, "B", "Two"),
                starts_at=first.starts_at + timedelta(minutes=59),
                participants=[alice],
                force=False,
            )
        assert [c.interview for c in raised.value.details] == [first]
        assert raised.value.details[0].reasons == ["participant"]
        assert raised.value.status == 409

    def test_the_same_location_is_a_conflict_ignoring_case(self, alice, vacancy):
        make_interview(alice, make_application(vacancy, "A", "One"), location="Room 1")
        with pytest.raises(ConflictError) as raised:
            make_interview(alice, make_application(vacancy, "B", "Two"), location="room 1 ", force=False)
        assert raised.value.details[0].reasons == ["location"]

    def test_back_to_back_interviews_do_not_conflict(self, alice, vacancy):
        first = make_interview(alice, make_application(vacancy, "A", "One"), participants=[alice])
        second = make_interview(
            alice, make_application(vacancy, "B", "Two"), starts_at=first.ends_at, participants=[alice], force=False
        )
        assert second.pk

    def test_a_cancelled_interview_does_not_conflict(self, alice, application):
        first = make_interview(alice, application)
        cancel_interview(actor=alice, interview=first)
        assert make_interview(alice, application, force=False).pk

    def test_plan_anyway_with_force(self, alice, application):
        make_interview(alice, application)
        assert make_interview(alice, application, force=True).pk
        assert Interview.objects.count() == 2

    def test_rescheduling_onto_another_interview_is_a_conflict_but_not_onto_itself(self, alice, application):
        first = make_interview(alice, application, starts_at=soon(hour=10))
        second = make_interview(alice, application, starts_at=soon(hour=14))
        reschedule_interview(actor=alice, interview=first, starts_at=first.starts_at + timedelta(minutes=30))
        with pytest.raises(ConflictError):
            reschedule_interview(actor=alice, interview=second, starts_at=soon(hour=10))
        second.refresh_from_db()
        assert second.starts_at == soon(hour=14)


def test_rescheduling_moves_the_interview_asks_for_confirmation_again_and_is_recorded(alice, application):
    interview = make_interview(alice, application, starts_at=soon(hour=10))
    Interview.objects.filter(pk=interview.pk).update(confirmation_status=ConfirmationStatus.ACCEPTED)
    moved = reschedule_interview(actor=alice, interview=interview, starts_at=soon(days=4, hour=14)).change.interviews[0]
    assert moved.starts_at == soon(days=4, hour=14)
    assert moved.ends_at == soon(days=4, hour=15)
    assert moved.version == interview.version + 1
    assert moved.confirmation_status == ConfirmationStatus.PENDING
    event = moved.events.first()
    assert event.action == InterviewEvent.Action.RESCHEDULED
    assert event.actor == alice
    before, after = event.changes["starts_at"]
    assert before == soon(hour=10).strftime("%d-%m-%Y %H:%M")
    assert after == soon(days=4, hour=14).strftime("%d-%m-%Y %H:%M")


def test_writing_the_report_changes_no_version_and_keeps_the_confirmation(alice, application):
    interview = make_interview(alice, application)
    Interview.objects.filter(pk=interview.pk).update(confirmation_status=ConfirmationStatus.ACCEPTED)
    updated = change_fields(actor=alice, interview=interview, changes={"report": "Strong on planning."})
    assert updated.version == interview.version
    assert updated.confirmation_status == ConfirmationStatus.ACCEPTED
    assert updated.events.first().changes == {"report": ["", "Strong on planning."]}


def test_the_memo_never_enters_the_history(alice, application):
    interview = make_interview(alice, application, memo="first secret")
    change_fields(actor=alice, interview=interview, changes={"memo": "second secret"})
    event = interview.events.first()
    assert event.changes == {"memo": [None, None]}
    assert "secret" not in str(list(InterviewEvent.objects.values_list("changes", "note")))


def test_an_unchanged_update_writes_nothing(alice, application):
    interview = make_interview(alice, application, reason="Eerste gesprek")
    change_fields(actor=alice, interview=interview, changes={"reason": "Eerste gesprek"})
    assert interview.events.count() == 1


def test_cancelling_records_the_reason_and_blocks_further_changes(alice, application):
    interview = make_interview(alice, application)
    cancelled = cancel_interview(actor=alice, interview=interview, reason="Client cancelled").interviews[0]
    assert cancelled.status == InterviewStatus.CANCELLED
    assert cancelled.version == interview.version + 1
    assert cancelled.events.first().note == "Client cancelled"
    for attempt in (
        lambda: reschedule_interview(actor=alice, interview=cancelled, starts_at=soon(days=5)).change.interviews[0],
        lambda: cancel_interview(actor=alice, interview=cancelled).interviews[0],
        lambda: change_fields(actor=alice, interview=cancelled, changes={"reason": "x"}),
    ):
        with pytest.raises(ServiceError) as raised:
            attempt()
        assert raised.value.code == "interview_cancelled"


def test_outcome_only_after_the_start(alice, application):
    interview = make_interview(alice, application, starts_at=soon(days=1))
    with pytest.raises(ServiceError) as raised:
        record_outcome(actor=alice, interview=interview, status=InterviewStatus.HELD)
    assert raised.value.code == "not_started"
    with time_machine.travel(interview.ends_at + timedelta(minutes=5)):
        held = record_outcome(actor=alice, interview=interview, status=InterviewStatus.HELD)
    assert held.status == InterviewStatus.HELD
    assert held.events.first().changes == {"status": ["planned", "held"]}


class TestBulkInvitation:
    def test_one_interview_each(self, alice, vacancy):
        applications = [make_application(vacancy, "A", "One"), make_application(vacancy, "B", "Two")]
        interviews = plan_interviews(
            actor=alice,
            applications=applications,
            planning=Planning(starts_at=soon(), duration_minutes=30),
            as_group=False,
        ).interviews
        assert [i.application for i in interviews] == applications
        assert all(i.group is None for i in interviews)

    def test_one_group_interview_shares_a_group_and_does_not_conflict_with_itself(self, alice, vacancy):
        applications = [make_application(vacancy, "A", "One"), make_application(vacancy, "B", "Two")]
        interviews = plan_interviews(
            actor=alice,
            applications=applications,
            planning=Planning(starts_at=soon(), duration_minutes=90, participants=[alice], location="Room 1"),
            as_group=True,
        ).interviews
        assert {i.group_id for i in interviews} != {None}
        assert len({i.group_id for i in interviews}) == 1
        assert all(i.type == "group" for i in interviews)
        # Moving one member of the group does not collide with the others.
        reschedule_interview(
            actor=alice, interview=interviews[0], starts_at=interviews[0].starts_at + timedelta(minutes=15)
        )

    def test_candidates_of_two_vacancies_cannot_be_mixed(self, alice, vacancy, client_company):
        from regisseur.recruitment.models import Vacancy

        other = Vacancy.objects.create(client=client_company, title="Kok")
        with pytest.raises(ServiceError):
            plan_interviews(
                actor=alice,
                applications=[make_application(vacancy, "A", "One"), make_application(other, "B", "Two")],
                planning=Planning(starts_at=soon(), duration_minutes=30),
                as_group=False,
            )
        assert not Interview.objects.exists()


def test_a_round_planned_on_the_vacancy_is_linked_to_an_application_later(alice, vacancy):
    round_ = plan_interview(
        actor=alice, vacancy=vacancy, planning=Planning(starts_at=soon(), duration_minutes=60, round_name="Ronde 1")
    ).interviews[0]
    assert round_.application is None
    application = make_application(vacancy)
    linked = link_application(actor=alice, interview=round_, application=application)
    assert linked.application == application
    assert linked.events.first().action == InterviewEvent.Action.LINKED
    with pytest.raises(ServiceError) as raised:
        link_application(actor=alice, interview=linked, application=make_application(vacancy, "P", "Q"))
    assert raised.value.code == "already_linked"
