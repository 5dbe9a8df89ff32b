"""{placeholder} fields (C1): finding, checking, filling; HTML filling escapes every value."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from regisseur.core.placeholders import (
    PLACEHOLDERS,
    check_template_text,
    contains_confirmlink,
    fill_html,
    fill_text,
    find_placeholders,
    prefill_text,
    unmark,
)
from regisseur.messaging.models import MessageTemplate, Purpose


def test_it_finds_placeholders_in_order() -> None:
    assert find_placeholders("{candidate_name} on {interview_date}, {candidate_name}") == [
        "candidate_name",
        "interview_date",
        "candidate_name",
    ]


def test_every_known_placeholder_is_accepted() -> None:
    assert check_template_text(" ".join("{" + name + "}" for name in PLACEHOLDERS)) == []


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Dear {unknown}", "{unknown}"),
        ("Dear {Candidate_Name}", "{Candidate_Name}"),
        ("Dear {}", "{}"),
        ("Dear {candidate_name", "brace"),
        ("Dear candidate_name}", "brace"),
        ("Dear {candidate {name}", "brace"),
    ],
)
def test_it_refuses_broken_placeholders_naming_them(text: str, named: str) -> None:
    problems = check_template_text(text)
    assert problems
    assert named in " ".join(problems)


def test_a_template_with_an_unknown_placeholder_is_refused_on_save(acme) -> None:
    template = MessageTemplate(
        organisation=acme, purpose=Purpose.INVITATION, language="en", name="Bad", subject="Hi", body="{salary}"
    )
    with pytest.raises(ValidationError) as refused:
        template.full_clean()
    assert "{salary}" in str(refused.value.message_dict["body"])


def test_contains_confirmlink_needs_the_exact_placeholder() -> None:
    assert contains_confirmlink("Answer: {confirmlink}")
    assert not contains_confirmlink("Answer: {confirmlink")
    assert not contains_confirmlink("Answer: confirmlink")


def test_fill_text_replaces_known_and_keeps_unknown() -> None:
    assert fill_text("Hi {candidate_name}, {other}", {"candidate_name": "Sanne"}) == "Hi Sanne, {other}"


def test_fill_html_escapes_the_text_and_every_value() -> None:
    html = fill_html("<b>Hi</b> {candidate_name}\n\nBye", {"candidate_name": '<img src=x onerror="1">'})
    assert "<b>" not in html and "&lt;b&gt;Hi&lt;/b&gt;" in html
    assert "<img" not in html and "&lt;img src=x onerror=&quot;1&quot;&gt;" in html
    assert html.count("<p>") == 2


def test_fill_html_keeps_line_breaks_of_multi_line_values() -> None:
    assert "Line one<br>Line two" in fill_html("{location}", {"location": "Line one\nLine two"})


def test_fill_html_makes_the_confirm_link_a_button() -> None:
    html = fill_html("{confirmlink}", {"confirmlink": "https://x.test/r/abc/"}, confirm_label="Answer <now>")
    assert '<a href="https://x.test/r/abc/"' in html
    assert "Answer &lt;now&gt;</a>" in html


def test_fill_html_leaves_out_a_confirm_link_without_address() -> None:
    html = fill_html("Answer: {confirmlink}", {"confirmlink": ""}, confirm_label="Answer")
    assert "<a" not in html
    assert "{confirmlink}" not in html


# --- Values are values (issue 8, item 9) ------------------------------------------------------------


def test_a_value_with_braces_is_filled_in_once_as_text() -> None:
    values = {"location": "Room {A}", "candidate_name": "{location}"}
    assert fill_text("Dear {candidate_name}, see you in {location}.", values) == "Dear {location}, see you in Room {A}."
    assert "Room {A}" in fill_html("{location}", values)


def test_a_prefilled_text_keeps_its_values_as_text_for_the_check_and_the_filling() -> None:
    values = {"location": "Room {A}", "candidate_name": "{location}"}
    prefilled = prefill_text("Dear {candidate_name}, see you in {location}. {confirmlink}", values)
    assert prefilled.replace("\u2060", "") == "Dear {location}, see you in Room {A}. {confirmlink}"
    assert check_template_text(prefilled) == []
    assert find_placeholders(prefilled) == ["confirmlink"]
    # Sent back and filled: the values are read as they are, what the planner typed is filled.
    edited = prefilled + " Again: {location}"
    filled = fill_text(edited, {**values, "confirmlink": "https://x.test/r/1/"})
    assert filled == "Dear {location}, see you in Room {A}. https://x.test/r/1/ Again: Room {A}"
    assert "\u2060" not in fill_html(edited, values)


def test_braces_the_planner_types_next_to_a_prefilled_value_are_still_checked() -> None:
    prefilled = prefill_text("In {location}", {"location": "Room {A}"})
    assert check_template_text(prefilled + " {A}") == ["Unknown placeholder {A}."]
    assert check_template_text(prefilled + " {") == ["A brace is not closed: write placeholders as {candidate_name}."]


def test_a_value_that_ends_in_a_full_stop_ends_the_sentence_once():
    values = {"client_name": "Northwind Software B.V.", "vacancy_title": "Tester"}
    text = "Een gesprek over {vacancy_title} bij {client_name}. Tot dan!"

    assert fill_text(text, values) == "Een gesprek over Tester bij Northwind Software B.V. Tot dan!"
    assert unmark(prefill_text(text, values)) == "Een gesprek over Tester bij Northwind Software B.V. Tot dan!"
    assert "Northwind Software B.V. Tot dan!" in fill_html(text, values)
    # Other values keep the full stop the template has.
    assert fill_text("bij {client_name}.", {"client_name": "Acme"}) == "bij Acme."
    assert fill_text("{unknown}.", {}) == "{unknown}."
