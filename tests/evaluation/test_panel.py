"""The panel review (E3): visibility per role and setting, summaries, discrepancies, the decision;
off-the-record notes (E4) only ever to their author, also after a rejection's message."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from regisseur.accounts.models import Role
from regisseur.accounts.services import create_user
from regisseur.actions.evaluations import decide_application, save_evaluation, submit_evaluation
from regisseur.core.errors import ServiceError
from regisseur.evaluation.models import PanelDecision, Visibility
from regisseur.evaluation.scorecards import panel_view
from regisseur.recruitment.models import ApplicationStage, ApplicationStatus, Contact
from tests.conftest import run_worker
from tests.evaluation.scorecard_builders import make_kit, panel_interview, scorecard
from tests.messaging.mail import received_by
from tests.messaging.test_views_communicate import form_data

SECRET = "Said off the record: thinks the team lead is difficult"


def make_panel(alice, bob, cora, application, visibility=Visibility.AFTER_OWN):
    competencies = make_kit(application.vacancy, "Communication", "Problem solving", visibility=visibility)
    return panel_interview(alice, application, colleagues=[bob], cora=cora), competencies


def submitted(user, interview, ratings, recommendation="yes", **fields):
    return submit_evaluation(actor=user, interview=interview, fields=scorecard(ratings, recommendation, **fields))


@pytest.fixture
def panel(alice, bob, cora, manager, application):
    return make_panel(alice, bob, cora, application)


def test_a_participant_sees_the_others_only_after_submitting_their_own(hank, cora, panel):
    interview, (talk, solve) = panel
    submitted(cora, interview, {talk.pk: 4, solve.pk: 3}, off_record_notes=SECRET)
    save_evaluation(actor=hank, interview=interview, fields=scorecard({talk.pk: 2}))

    before = panel_view(hank, interview)
    assert (before.others, before.summary, before.discrepancies) == ([], [], [])

    submit_evaluation(actor=hank, interview=interview)
    after = panel_view(hank, interview)
    assert [evaluation.author for evaluation in after.others] == [cora]
    assert after.others[0].off_record_notes == ""
    assert [(row.competency, row.average, row.minimum, row.maximum, row.count) for row in after.summary] == [
        (talk, 3.0, 2, 4, 2),
        (solve, 3.0, 3, 3, 1),
    ]


def test_recruiters_see_every_submitted_evaluation_but_no_drafts(alice, hank, cora, panel):
    interview, (talk, _solve) = panel
    submitted(cora, interview, {talk.pk: 4})
    save_evaluation(actor=hank, interview=interview, fields=scorecard({talk.pk: 1}))

    view = panel_view(alice, interview)

    assert [evaluation.author for evaluation in view.others] == [cora]


def test_visibility_always_shows_the_others_before_submitting(alice, bob, hank, cora, manager, application):
    interview, (talk, _solve) = make_panel(alice, bob, cora, application, Visibility.ALWAYS)
    submitted(cora, interview, {talk.pk: 4})
    assert [evaluation.author for evaluation in panel_view(hank, interview).others] == [cora]


def test_visibility_never_shows_the_others_to_participants_only_to_recruiters(
    alice, bob, hank, cora, manager, application
):
    interview, (talk, _solve) = make_panel(alice, bob, cora, application, Visibility.NEVER)
    submitted(cora, interview, {talk.pk: 4})
    submitted(hank, interview, {talk.pk: 4})
    assert panel_view(hank, interview).others == []
    assert len(panel_view(alice, interview).others) == 2


@pytest.mark.parametrize(
    ("first", "second", "flagged"),
    [((2, "yes"), (4, "yes"), True), ((3, "yes"), (4, "yes"), False), ((1, "yes"), (5, "yes"), True)],
)
def test_a_spread_of_two_points_on_a_competency_asks_for_discussion(alice, hank, cora, panel, first, second, flagged):
    interview, (talk, _solve) = panel
    submitted(hank, interview, {talk.pk: first[0]}, first[1])
    submitted(cora, interview, {talk.pk: second[0]}, second[1])

    kinds = [(d.competency_id, d.kind) for d in panel_view(alice, interview).discrepancies]

    assert kinds == ([(talk.pk, "rating_spread")] if flagged else [])


@pytest.mark.parametrize(
    ("recommendations", "split"),
    [
        (("yes", "no"), True),
        (("strong_yes", "strong_no"), True),
        (("yes", "strong_yes"), False),
        (("no", "strong_no"), False),
    ],
)
def test_recommendations_on_both_sides_ask_for_discussion(alice, hank, cora, panel, recommendations, split):
    interview, _competencies = panel
    submitted(hank, interview, {}, recommendations[0])
    submitted(cora, interview, {}, recommendations[1])

    kinds = [(d.competency_id, d.kind) for d in panel_view(alice, interview).discrepancies]

    assert kinds == ([(None, "recommendation_split")] if split else [])


def test_the_panel_page_shows_ratings_side_by_side_and_never_others_notes(client, alice, hank, cora, panel):
    interview, (talk, _solve) = panel
    submitted(hank, interview, {talk.pk: 2}, "no", strengths="Structured", off_record_notes=SECRET)
    submitted(cora, interview, {talk.pk: 4}, "yes", strengths="Friendly")

    client.force_login(alice)
    page = client.get(reverse("evaluation:panel", args=[interview.pk])).content.decode()

    assert "Hank Manager" in page and "Cora Committee" in page
    assert "Structured" in page and "Friendly" in page
    assert "3.0" in page and "2–4" in page
    assert "discuss" in page and "split between yes and no" in page
    assert SECRET not in page
    assert "Record decision" in page

    client.force_login(cora)
    page = client.get(reverse("evaluation:panel", args=[interview.pk])).content.decode()
    assert SECRET not in page and "Record decision" not in page
    client.force_login(hank)
    own = client.get(reverse("evaluation:scorecard", args=[interview.pk])).content.decode()
    assert SECRET in own  # the author keeps their own notes


def test_the_panel_page_asks_to_submit_first(client, hank, cora, panel):
    interview, (talk, _solve) = panel
    submitted(cora, interview, {talk.pk: 4}, strengths="Friendly")
    client.force_login(hank)
    page = client.get(reverse("evaluation:panel", args=[interview.pk])).content.decode()
    assert "after submitting your own" in page and "Friendly" not in page


# ---------------------------------------------------------------- the decision


def test_advance_moves_the_application_to_the_next_stage(alice, application, panel):
    interview, _competencies = panel
    application.stage = ApplicationStage.INTERVIEW
    application.save(update_fields=["stage"])

    decide_application(
        actor=alice, application=application, decision="advance", reasoning="Strong", interview=interview
    )

    application.refresh_from_db()
    assert (application.stage, application.status) == (ApplicationStage.OFFER, ApplicationStatus.ACTIVE)
    assert PanelDecision.objects.get().reasoning == "Strong"


def test_hold_changes_nothing_but_is_recorded(alice, application, panel):
    before = (application.stage, application.status)
    decide_application(actor=alice, application=application, decision="hold", reasoning="Wait for the second round")
    application.refresh_from_db()
    assert (application.stage, application.status) == before
    assert PanelDecision.objects.get().decision == "hold"


def test_a_decision_needs_reasoning_and_a_recruiter(alice, hank, application, panel):
    with pytest.raises(ServiceError) as missing:
        decide_application(actor=alice, application=application, decision="reject", reasoning="  ")
    assert (missing.value.code, missing.value.field) == ("required", "reasoning")
    with pytest.raises(ServiceError) as refused:
        decide_application(actor=hank, application=application, decision="reject", reasoning="No")
    assert refused.value.code == "forbidden"
    assert not PanelDecision.objects.exists()


def test_a_rejection_opens_a_drafted_message_without_anyones_off_the_record_notes(
    client, alice, hank, cora, application, panel, smtp_server
):
    interview, (talk, _solve) = panel
    submitted(hank, interview, {talk.pk: 1}, "strong_no", off_record_notes=SECRET)
    submitted(cora, interview, {talk.pk: 2}, "no", off_record_notes=SECRET)
    client.force_login(alice)

    answer = client.post(
        reverse("evaluation:decide", args=[interview.pk]), {"decision": "reject", "reasoning": "Not enough depth"}
    )

    communicate_url = reverse("messaging:communicate", args=[interview.pk, "candidate"])
    assert answer.status_code == 302 and answer["Location"] == communicate_url
    application.refresh_from_db()
    assert application.status == ApplicationStatus.REJECTED
    shown = client.get(communicate_url)
    assert "Je sollicitatie voor" in shown.content.decode()  # Sanne reads Dutch
    assert client.post(communicate_url, form_data(shown)).status_code == 302
    run_worker()
    [message] = received_by(smtp_server, application.candidate.email)
    assert message.subject.startswith("Je sollicitatie voor")
    assert "niet verder mee te nemen" in message.text
    assert SECRET not in message.text and SECRET not in message.html
    assert message.method == ""  # no calendar invitation with a rejection


def test_a_refused_decision_shows_the_form_again(client, alice, panel):
    interview, _competencies = panel
    client.force_login(alice)
    answer = client.post(reverse("evaluation:decide", args=[interview.pk]), {"decision": "advance", "reasoning": ""})
    assert answer.status_code == 422 and "Give the reasoning for the decision." in answer.content.decode()


def test_participants_may_not_decide(client, hank, panel):
    interview, _competencies = panel
    client.force_login(hank)
    answer = client.post(reverse("evaluation:decide", args=[interview.pk]), {"decision": "advance", "reasoning": "x"})
    assert answer.status_code == 403


def test_the_panel_page_takes_the_same_queries_however_many_evaluate(client, alice, acme, panel):

    interview, (talk, solve) = panel
    client.force_login(alice)
    url = reverse("evaluation:panel", args=[interview.pk])

    def add_evaluator(n):
        user = create_user(username=f"m{n}", password=None, organisation=acme, role=Role.COMMITTEE_MEMBER)
        interview.committee_members.add(
            Contact.objects.create(client=interview.vacancy.client, name=f"M{n}", email=f"m{n}@x.test", user=user)
        )
        submitted(user, interview, {talk.pk: 1 + n % 5, solve.pk: 3}, "yes" if n % 2 else "no")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_evaluator(0)
    queries()
    few = queries()
    for n in range(1, 6):
        add_evaluator(n)
    assert queries() == few
