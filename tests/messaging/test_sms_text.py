"""SMS text (M4): GSM-7 or UCS-2, parts counted as phones join them, long reminders shortened."""

from __future__ import annotations

import pytest

from regisseur.messaging.sms import MAX_SEGMENTS, fit_sms, is_gsm7, sms_size
from regisseur.responses.services import answer_url


@pytest.mark.parametrize(
    ("text", "encoding", "units", "segments"),
    [
        ("", "GSM-7", 0, 1),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),  # the euro sign is in the extension table: two septets
        ("€" * 81, "GSM-7", 162, 2),
        ("René, café à 10:00 – ", "UCS-2", 21, 1),  # the dash is not GSM-7
        ("Zoë", "UCS-2", 3, 1),  # "ë" is not in GSM-7, "é" and "ä" are
        ("ë" * 70, "UCS-2", 70, 1),
        ("ë" * 71, "UCS-2", 71, 2),
        ("ë" * 134, "UCS-2", 134, 2),
        ("ë" * 135, "UCS-2", 135, 3),
        ("😊" * 35, "UCS-2", 70, 1),  # outside the BMP: a surrogate pair, two units
    ],
)
def test_the_encoding_and_the_number_of_parts(text, encoding, units, segments):
    size = sms_size(text)
    assert (size.encoding, size.units, size.segments) == (encoding, units, segments)


def test_an_escape_pair_is_never_split_over_two_parts():
    # 152 characters, then a euro sign that would need the 153rd and a 154th septet.
    assert sms_size("a" * 152 + "€" + "a" * 10).segments == 2
    assert sms_size("a" * 152 + "€" + "a" * 152).segments == 3


def test_a_surrogate_pair_is_never_split_over_two_parts():
    assert sms_size("a" * 66 + "😊" + "a" * 66).segments == 3


def test_gsm7_knows_its_letters():
    assert is_gsm7("@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¡ÄÖÑÜ§¿äöñüà{}[]~^|\\€")
    assert not is_gsm7("ë")
    assert not is_gsm7("ç")  # only the capital is in the alphabet
    assert not is_gsm7("’")


REMINDER = (
    "Reminder: your interview for {vacancy_title} is on {interview_date} at {interview_time}, {location}. See you!"
)
VALUES = {"vacancy_title": "Baker", "interview_date": "18-01-2027", "interview_time": "14:00", "location": "Utrecht"}


def test_a_short_reminder_keeps_the_template_text():
    assert fit_sms(REMINDER, VALUES) == (
        "Reminder: your interview for Baker is on 18-01-2027 at 14:00, Utrecht. See you!"
    )


def test_typographic_quotes_and_dashes_become_gsm7():
    text = fit_sms("See you – it’s “on”…", {})
    assert text == 'See you - it\'s "on"...'
    assert sms_size(text).encoding == "GSM-7"


def test_an_empty_location_leaves_no_stray_comma():
    assert fit_sms(REMINDER, {**VALUES, "location": ""}).endswith("at 14:00. See you!")


def test_a_long_location_is_cut_to_its_first_part_when_over_two_parts():
    location = "Dorpsstraat 1, " + ", ".join(["second floor, ring the bell at the side entrance"] * 6)
    text = fit_sms(REMINDER, {**VALUES, "location": location})
    assert text.endswith("at 14:00, Dorpsstraat 1. See you!")


def test_a_long_text_is_cut_at_a_word_with_the_link_kept_whole(settings):
    settings.BASE_URL = "https://jobs.example.com"
    link = answer_url("personal-link")
    text = fit_sms("word " * 200 + "{confirmlink}", VALUES, link=link)
    assert text.endswith("word... " + link)
    assert sms_size(text).segments <= MAX_SEGMENTS


def test_a_wanted_link_goes_at_the_end_when_the_template_has_no_place_for_it():
    text = fit_sms(REMINDER, VALUES, link="https://x.test/r/personal-link/")
    assert text.endswith("See you! https://x.test/r/personal-link/")


def test_the_size_is_measured_with_the_real_token_not_the_placeholder(settings):
    settings.BASE_URL = "https://jobs.example.com"
    link = answer_url("personal-link")
    # The sent link is 9 characters longer than the stored one (a 22-character token).
    room = 306 - 1 - len(link) - 9
    first = "x" * (room - 50)
    exact = fit_sms(f"{first} {'y' * 49} {{confirmlink}}", {}, link=link)
    assert exact == f"{first} {'y' * 49} {link}"
    over = fit_sms(f"{first} {'y' * 50} {{confirmlink}}", {}, link=link)
    assert over == f"{first}... {link}"
