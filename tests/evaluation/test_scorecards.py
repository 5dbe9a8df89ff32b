"""Scorecards (E2): who fills them in, drafts, submitting, versions, limits; the scorecard page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regisseur.actions.cancelling import cancel_interview
from regisseur.actions.evaluations import save_evaluation, submit_evaluation
from regisseur.core.errors import ServiceError
from regisseur.evaluation.models import Evaluation
from regisseur.interviews.models import InterviewEvent
from tests.conftest import make_interview
from tests.evaluation.scorecard_builders import make_kit, panel_interview, scorecard


@pytest.fixture
def competencies(vacancy):
    return make_kit(vacancy, "Communication", "Problem solving")


@pytest.fixture
def interview(alice, bob, cora, manager, application, competencies):
    return panel_interview(alice, application, colleagues=[bob], cora=cora)


def test_a_participant_saves_a_draft_and_saving_again_updates_it(bob, interview, competencies):
    first = save_evaluation(
        actor=bob, interview=interview, fields=scorecard({competencies[0].pk: 4}, strengths="Clear")
    )
    again = save_evaluation(actor=bob, interview=interview, fields={"weaknesses": "Rushed"})

    assert again.pk == first.pk and again.version == 1 and again.submitted_at is None
    assert (again.ratings, again.strengths, again.weaknesses) == ({str(competencies[0].pk): 4}, "Clear", "Rushed")


def test_the_hiring_manager_and_committee_members_evaluate_their_interviews(hank, cora, interview):
    assert save_evaluation(actor=hank, interview=interview, fields=scorecard({})).author == hank
    assert save_evaluation(actor=cora, interview=interview, fields=scorecard({})).author == cora


def test_someone_not_on_the_interview_may_not_evaluate_it(hank, cora, mallory, manager, alice, application):
    other = make_interview(alice, application)  # a recruiters' interview: neither Hank nor Cora attends
    for outsider in (hank, cora, mallory):
        with pytest.raises(ServiceError) as refused:
            save_evaluation(actor=outsider, interview=other, fields=scorecard({}))
        assert refused.value.code == "not_found"


def test_ratings_must_be_the_kits_competencies_from_one_to_five(bob, interview, competencies, vacancy):
    for ratings, field in (({competencies[0].pk: 6}, "ratings.%d"), ({competencies[0].pk: 0}, "ratings.%d")):
        with pytest.raises(ServiceError) as refused:
            save_evaluation(actor=bob, interview=interview, fields=scorecard(ratings))
        assert refused.value.field == field % competencies[0].pk
    with pytest.raises(ServiceError) as unknown:
        save_evaluation(actor=bob, interview=interview, fields=scorecard({999999: 3}))
    assert unknown.value.code == "not_found"


def test_a_vacancy_without_kit_still_has_the_rest_of_the_scorecard(alice, bob, client_company, application):
    interview = make_interview(alice, application, participants=[bob])
    saved = save_evaluation(
        actor=bob, interview=interview, fields=scorecard({}, strengths="Warm", next_steps_told=True)
    )
    assert saved.ratings == {} and saved.strengths == "Warm" and saved.next_steps_told is True


def test_texts_are_limited(bob, interview):
    with pytest.raises(ServiceError) as refused:
        save_evaluation(actor=bob, interview=interview, fields={"strengths": "x" * 5001})
    assert (refused.value.code, refused.value.field) == ("too_long", "strengths")


def test_a_recommendation_is_required_to_submit(bob, interview):
    save_evaluation(actor=bob, interview=interview, fields={"strengths": "Clear"})
    with pytest.raises(ServiceError) as refused:
        submit_evaluation(actor=bob, interview=interview)
    assert (refused.value.code, refused.value.field) == ("required", "recommendation")


def test_an_edit_after_submission_is_a_new_version_and_the_submitted_one_stays(bob, interview, competencies):
    save_evaluation(actor=bob, interview=interview, fields=scorecard({competencies[0].pk: 2}, "no"))
    submitted = submit_evaluation(actor=bob, interview=interview)

    edited = save_evaluation(actor=bob, interview=interview, fields={"recommendation": "yes"})

    assert (edited.version, edited.submitted_at, edited.recommendation) == (2, None, "yes")
    assert edited.ratings == {str(competencies[0].pk): 2}  # the new draft starts from the submitted one
    kept = Evaluation.objects.get(pk=submitted.pk)
    assert (kept.recommendation, kept.is_current, kept.submitted_at) == ("no", False, submitted.submitted_at)
    notes = list(InterviewEvent.objects.filter(interview=interview, actor=bob).values_list("note", flat=True))
    assert sorted(notes) == ["evaluation_new_version", "evaluation_submitted"]


def test_submitting_twice_is_refused(bob, interview):
    submit_evaluation(actor=bob, interview=interview, fields=scorecard({}))
    with pytest.raises(ServiceError) as refused:
        submit_evaluation(actor=bob, interview=interview)
    assert refused.value.code == "already_submitted"


def test_a_cancelled_interview_takes_no_evaluation(alice, bob, interview):
    cancel_interview(actor=alice, interview=interview, reason="other", notify=False)
    interview.refresh_from_db()
    with pytest.raises(ServiceError) as refused:
        save_evaluation(actor=bob, interview=interview, fields=scorecard({}))
    assert refused.value.code == "interview_cancelled"


# ---------------------------------------------------------------- the page


def test_the_page_shows_each_competency_with_its_five_anchors(client, bob, interview, competencies):
    bob.language = "en"  # the texts below are the English ones
    bob.save(update_fields=["language"])
    client.force_login(bob)
    page = client.get(reverse("evaluation:scorecard", args=[interview.pk])).content.decode()
    for level in range(1, 6):
        assert f'name="rating_{competencies[0].pk}" value="{level}"' in page
        assert f"Communication: Level {level} looks like this" in page
    assert "Save draft" in page and "Submit" in page


def test_autosave_answers_json_and_the_save_button_works_without_script(client, bob, interview, competencies):
    client.force_login(bob)
    url = reverse("evaluation:scorecard", args=[interview.pk])
    data = {f"rating_{competencies[0].pk}": "3", "strengths": "Calm", "recommendation": "yes", "action": "save"}

    answer = client.post(url, data, headers={"X-Autosave": "1"})
    assert answer.status_code == 200 and answer.json()["saved"] is True

    plain = client.post(url, {**data, "strengths": "Calm and clear"})
    assert plain.status_code == 302
    saved = Evaluation.objects.get(author=bob, interview=interview)
    assert (saved.strengths, saved.ratings, saved.submitted_at) == (
        "Calm and clear",
        {str(competencies[0].pk): 3},
        None,
    )


def test_after_submission_the_page_is_read_only_with_an_edit_button(client, bob, interview):
    bob.language = "en"  # the texts below are the English ones
    bob.save(update_fields=["language"])
    client.force_login(bob)
    url = reverse("evaluation:scorecard", args=[interview.pk])
    client.post(url, {"recommendation": "strong_yes", "strengths": "Sharp", "action": "submit"})

    page = client.get(url).content.decode()
    assert "<textarea" not in page and "Sharp" in page and "Edit (new version)" in page
    assert "<textarea" in client.get(url + "?edit=1").content.decode()


def test_a_refused_save_shows_what_was_typed(client, bob, interview):
    bob.language = "en"  # the texts below are the English ones
    bob.save(update_fields=["language"])
    client.force_login(bob)
    url = reverse("evaluation:scorecard", args=[interview.pk])
    answer = client.post(url, {"strengths": "Kept", "action": "submit"})
    assert answer.status_code == 422
    assert "Choose a recommendation before submitting." in answer.content.decode()
    assert "Kept" in answer.content.decode()


def test_others_interviews_are_not_found(client, hank, cora, mallory, manager, alice, application):
    other = make_interview(alice, application)
    for outsider in (hank, cora, mallory):
        client.force_login(outsider)
        assert client.get(reverse("evaluation:scorecard", args=[other.pk])).status_code == 404
        assert client.get(reverse("evaluation:panel", args=[other.pk])).status_code == 404


def test_the_interview_page_links_the_scorecard_and_its_history_names_the_submission(client, hank, alice, interview):
    submit_evaluation(actor=hank, interview=interview, fields=scorecard({}))

    client.force_login(hank)
    page = client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
    assert reverse("evaluation:scorecard", args=[interview.pk]) in page
    assert reverse("evaluation:panel", args=[interview.pk]) in page
    client.force_login(alice)
    assert "Evaluation submitted." in client.get(reverse("interviews:detail", args=[interview.pk])).content.decode()
