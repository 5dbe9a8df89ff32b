"""The communicate forms: placeholders checked per field, "do not send email" needs no valid text."""

from __future__ import annotations

from regisseur.web.forms.messaging import BulkCommunicateForm, CommunicateForm


def test_each_text_field_names_its_unknown_placeholder(alice):
    form = CommunicateForm(
        {"action": "send", "subject": "Hoi {naam}", "body": "Tot {datum}", "signature": "{wie}"},
        organisation_id=alice.organisation_id,
        with_confirm_link=True,
    )
    assert not form.is_valid()
    assert form.errors["subject"] == ["Unknown placeholder {naam}."]
    assert form.errors["body"] == ["Unknown placeholder {datum}."]
    assert form.errors["signature"] == ["Unknown placeholder {wie}."]


def test_do_not_send_email_is_valid_whatever_the_text(alice):
    form = CommunicateForm(
        {"action": "do_not_send", "subject": "", "body": "{kapot"},
        organisation_id=alice.organisation_id,
        with_confirm_link=True,
    )
    assert form.is_valid_for_action()
    assert not form.sends


def test_the_bulk_form_has_one_text_per_language_and_no_link_field_for_others(alice):
    form = BulkCommunicateForm(
        {"action": "send", "subject_nl": "A", "body_nl": "{x}", "subject_en": "B", "body_en": "ok"},
        organisation_id=alice.organisation_id,
        with_confirm_link=True,
        languages=["nl", "en"],
    )
    assert not form.is_valid()
    assert list(form.errors) == ["body_nl"]
    single = CommunicateForm(organisation_id=alice.organisation_id, with_confirm_link=False)
    assert "include_confirm_link" not in single.fields
