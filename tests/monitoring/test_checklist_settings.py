"""Administrators edit the organisation's checklists under Settings (seed 000, O1 and O4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from regisseur.accounts.models import Role, User
from regisseur.accounts.services import create_user
from regisseur.actions.monitoring import save_checklist
from regisseur.core.errors import Forbidden
from regisseur.monitoring.checklists import DEFAULTS, all_lines, checklist_of
from regisseur.monitoring.models import ChecklistItem
from tests.conftest import make_interview

pytestmark = pytest.mark.django_db

PAGE = reverse("settings:checklists")
DAY_BEFORE = reverse("settings:checklist_save", args=["day_before"])
AFTER = reverse("settings:checklist_save", args=["after"])


def form_data(client: Any, phase: str) -> dict[str, Any]:
    """What the page's form for a phase sends unchanged, read from the page itself."""
    page = client.get(PAGE)
    rows = page.context["phases"][0 if phase == "day_before" else 1].rows
    data: dict[str, Any] = {
        f"{phase}-TOTAL_FORMS": str(len(rows)),
        f"{phase}-INITIAL_FORMS": str(len(rows)),
        f"{phase}-MIN_NUM_FORMS": "0",
        f"{phase}-MAX_NUM_FORMS": "100",
        f"new-{phase}-label": "",
    }
    for index, (line, _form) in enumerate(rows):
        data[f"{phase}-{index}-code"] = line.code
        data[f"{phase}-{index}-position"] = str(index + 1)
        data[f"{phase}-{index}-label"] = line.label
        if line.is_active:
            data[f"{phase}-{index}-active"] = "on"
    return data


def index_of(data: dict[str, Any], phase: str, code: str) -> int:
    return next(int(key.split("-")[1]) for key, value in data.items() if key.endswith("-code") and value == code)


def shown(organisation_id: int, phase: str) -> list[tuple[str, str, bool]]:
    return [(line.code, line.label, line.automatic) for line in all_lines(organisation_id)[phase]]


def test_the_page_lists_both_checklists_with_the_automatic_lines_marked(client, ada):
    client.force_login(ada)

    page = client.get(PAGE)

    assert page.status_code == 200
    text = page.content.decode()
    assert "The day before: verification" in text and "After the interview: success checklist" in text
    assert "Agenda and focus points confirmed" in text and "Feedback timeline agreed and confirmed" in text
    automatic = [line.code for line, _form in page.context["phases"][0].rows if line.is_automatic]
    assert automatic == ["candidate_confirmed", "video_link", "client_contact", "candidate_mobile"]
    assert text.count("follows the interview's data") == 4


def test_the_settings_index_links_to_the_page_for_administrators_only(client, ada, alice):
    client.force_login(ada)
    assert PAGE in client.get(reverse("messaging:settings")).content.decode()
    client.force_login(alice)
    assert PAGE not in client.get(reverse("messaging:settings")).content.decode()


@pytest.mark.parametrize("persona", ["alice", "hank", "mallory"])
def test_others_than_administrators_find_no_page(client, persona, request):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(PAGE).status_code == 404
    assert client.post(DAY_BEFORE, {}).status_code == 404
    assert not ChecklistItem.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    assert client.get(PAGE).status_code == 302


def test_an_administrator_relabels_reorders_deactivates_and_adds_lines(client, ada, acme):
    client.force_login(ada)
    data = form_data(client, "after")
    data[f"after-{index_of(data, 'after', 'on_schedule')}-label"] = "Op tijd begonnen"
    data[f"after-{index_of(data, 'after', 'feedback_timeline')}-position"] = "1"
    del data[f"after-{index_of(data, 'after', 'no_problems')}-active"]
    data["new-after-label"] = "Kandidaat bedankt"

    answer = client.post(AFTER, data, follow=True)

    assert "Checklist saved." in answer.content.decode()
    assert answer.redirect_chain[-1][0].endswith(f"{PAGE}#after")
    assert shown(acme.pk, "after") == [
        ("feedback_timeline", "Feedback timeline agreed and confirmed", False),
        ("on_schedule", "Op tijd begonnen", False),
        ("both_satisfied", "Both parties satisfied with the experience and the process", False),
        ("next_steps_clear", "Next steps communicated and understood", False),
        ("kandidaat-bedankt", "Kandidaat bedankt", False),
    ]
    # The day before is untouched: still the built-in lines.
    assert [code for code, _label, _automatic in shown(acme.pk, "day_before")] == [
        item.code for item in DEFAULTS["day_before"]
    ]
    # The inactive line is kept, and shown again on the page to be taken back into use.
    page = client.get(PAGE)
    rows = {line.code: line for line, _form in page.context["phases"][1].rows}
    assert rows["no_problems"].is_active is False


def test_the_arrows_move_a_line(client, ada, acme):
    client.force_login(ada)
    data = form_data(client, "day_before")
    data["move"] = "agenda:up"

    client.post(DAY_BEFORE, data)

    codes = [code for code, _label, _automatic in shown(acme.pk, "day_before")]
    assert codes.index("agenda") == codes.index("backup_contacts") - 1
    data = form_data(client, "day_before")
    data["move"] = "candidate_confirmed:down"
    client.post(DAY_BEFORE, data)
    codes = [code for code, _label, _automatic in shown(acme.pk, "day_before")]
    assert codes[:3] == ["planning_confirmed", "participants_confirmed", "candidate_confirmed"]


def test_an_automatic_line_stays_automatic_and_can_be_taken_out_of_use(client, ada, acme, alice, application):
    client.force_login(ada)
    data = form_data(client, "day_before")
    data[f"day_before-{index_of(data, 'day_before', 'candidate_mobile')}-label"] = "Mobiel nummer bekend"
    del data[f"day_before-{index_of(data, 'day_before', 'video_link')}-active"]

    client.post(DAY_BEFORE, data)

    lines = {code: (label, automatic) for code, label, automatic in shown(acme.pk, "day_before")}
    assert lines["candidate_mobile"] == ("Mobiel nummer bekend", True)
    assert "video_link" not in lines
    interview = make_interview(alice, application)
    mobile = next(item for item in checklist_of(interview, "day_before").items if item.code == "candidate_mobile")
    assert (mobile.automatic, mobile.done) == (True, True)


def test_a_new_line_is_ticked_by_hand_on_the_interviews(client, ada, acme, alice, application):
    client.force_login(ada)
    data = form_data(client, "day_before")
    data["new-day_before-label"] = "Parkeerkaart geregeld"
    client.post(DAY_BEFORE, data)
    interview = make_interview(alice, application)

    item = checklist_of(interview, "day_before").items[-1]

    assert (item.code, item.label, item.automatic, item.done) == (
        "parkeerkaart-geregeld",
        "Parkeerkaart geregeld",
        False,
        False,
    )


def test_a_new_line_never_takes_an_existing_code_and_is_never_automatic(client, ada, acme):
    client.force_login(ada)
    data = form_data(client, "day_before")
    data["new-day_before-label"] = "Agenda"
    client.post(DAY_BEFORE, data)
    data = form_data(client, "after")
    data["new-after-label"] = "Video link"
    client.post(AFTER, data)

    assert shown(acme.pk, "day_before")[-1][:2] == ("agenda-2", "Agenda")
    assert shown(acme.pk, "after")[-1] == ("video-link", "Video link", False)


def test_emptying_a_built_in_label_restores_the_standard_text_in_each_language(client, ada, acme):
    client.force_login(ada)
    data = form_data(client, "after")
    data[f"after-{index_of(data, 'after', 'on_schedule')}-label"] = ""
    client.post(AFTER, data)

    assert ChecklistItem.objects.get(organisation=acme, phase="after", code="on_schedule").label == ""
    assert shown(acme.pk, "after")[0][1] == "The interview went as planned (timing, participants, agenda)"


@pytest.fixture
def daan(acme: Any) -> User:
    """An administrator who reads Dutch."""
    return create_user(
        language="nl",
        username="daan",
        password="correct horse 1",
        organisation=acme,
        role=Role.ADMINISTRATOR,
        first_name="Daan",
        last_name="Beheer",
    )


def test_validation_errors_are_shown_in_the_users_language_and_nothing_is_saved(client, daan, acme):
    client.force_login(daan)
    data = form_data(client, "after")
    data["new-after-label"] = "Kandidaat bedankt"
    client.post(AFTER, data)
    data = form_data(client, "after")
    data[f"after-{index_of(data, 'after', 'kandidaat-bedankt')}-label"] = "  "
    data[f"after-{index_of(data, 'after', 'on_schedule')}-position"] = "nul"
    data["new-after-label"] = "x" * 201

    page = client.post(AFTER, data)

    text = page.content.decode()
    assert page.status_code == 200
    assert "Geef deze regel een tekst." in text
    assert "Voer een geheel getal in." in text
    assert "Zorg dat deze waarde niet meer dan 200 tekens bevat (het zijn er nu 201)." in text
    # The page speaks Dutch, and the typed (wrong) values are kept in the form.
    assert "Na het gesprek: succeschecklist" in text and ">Positie<" in text
    assert 'value="nul"' in text
    assert ChecklistItem.objects.get(organisation=acme, phase="after", code="kandidaat-bedankt").label == (
        "Kandidaat bedankt"
    )


def test_a_form_from_before_another_change_is_not_saved(client, ada, acme):
    client.force_login(ada)
    stale = form_data(client, "after")
    fresh = form_data(client, "after")
    fresh["new-after-label"] = "Kandidaat bedankt"
    client.post(AFTER, fresh)
    stale[f"after-{index_of(stale, 'after', 'on_schedule')}-label"] = "Verouderd"

    answer = client.post(AFTER, stale, follow=True)

    assert "The checklist was changed meanwhile" in answer.content.decode()
    assert ChecklistItem.objects.get(organisation=acme, phase="after", code="on_schedule").label == ""


def test_an_unknown_checklist_is_not_found(client, ada):
    client.force_login(ada)

    assert client.post(reverse("settings:checklist_save", args=["week_before"]), {}).status_code == 404
    assert client.get(DAY_BEFORE).status_code == 405


def test_only_administrators_save_checklists_through_the_action(alice):
    with pytest.raises(Forbidden):
        save_checklist(actor=alice, phase="after", entries=[("on_schedule", "", True)])


def test_the_page_reads_a_fixed_number_of_queries(client, ada, django_assert_max_num_queries):
    client.force_login(ada)
    client.get(PAGE)
    with django_assert_max_num_queries(12):
        client.get(PAGE)


# ---------------------------------------------------------------- a user's team (the board's "my team")


def user_details(user: User, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "language": user.language,
        "roles": [Role.RECRUITER],
    }
    data.update(extra)
    return data


def test_an_administrator_puts_a_colleague_in_a_team(client, ada, alice):
    client.force_login(ada)
    edit = reverse("settings:user_edit", args=[alice.pk])
    page = client.get(edit).content.decode()
    assert "Colleagues in the same team share the board" in page

    client.post(edit, user_details(alice, team="  Team Noord "))

    alice.refresh_from_db()
    assert alice.team == "Team Noord"
    assert 'value="Team Noord"' in client.get(edit).content.decode()
    client.post(edit, user_details(alice, team=""))
    alice.refresh_from_db()
    assert alice.team == ""


def test_a_new_user_gets_a_team_and_a_too_long_team_is_refused(client, ada):
    client.force_login(ada)
    data = user_details(
        ada, first_name="Noor", username="noor", password1="paars fietsje 42", password2="paars fietsje 42"
    )
    data["email"] = "noor@acme.test"

    client.post(reverse("settings:user_create"), {**data, "team": "Zuid"})
    page = client.post(reverse("settings:user_create"), {**data, "username": "noor2", "team": "x" * 101})

    assert User.objects.get(username="noor").team == "Zuid"
    assert "at most 100 characters" in page.content.decode()
    assert not User.objects.filter(username="noor2").exists()
