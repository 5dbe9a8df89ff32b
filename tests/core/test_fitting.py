"""Text built from valid values fits its column: shortened at a word with "…" (issue 8, item 5)."""

from __future__ import annotations

from email.headerregistry import Address
from email.parser import HeaderParser
from email.policy import default

import pytest

from regisseur.core.fitting import fit_address, one_line, shorten


def test_a_text_that_fits_is_left_alone():
    assert shorten("Interview for Baker", 19) == "Interview for Baker"


def test_a_long_text_is_cut_at_a_word_with_an_ellipsis():
    assert shorten("Interview for Baker in Amsterdam", 24) == "Interview for Baker in…"
    assert len(shorten("Interview for Baker in Amsterdam", 24)) <= 24


def test_a_text_without_spaces_is_cut_inside_its_word():
    assert shorten("x" * 50, 10) == "x" * 9 + "…"


def test_no_punctuation_or_invisible_mark_is_left_before_the_ellipsis():
    assert shorten("Room {A}, Damrak 1, Amsterdam", 11) == "Room {A}…"
    assert shorten("Room \u2060{A\u2060} upstairs", 11).endswith("}…")


@pytest.mark.parametrize("limit", [1, 2, 5, 199, 200, 300])
def test_the_result_never_exceeds_the_limit(limit):
    assert len(shorten("Ëlisabeth-Zoë Ünal " * 40, limit)) <= limit


def test_one_line_collapses_line_breaks():
    assert one_line("Sanne\r\nBakker\u2028 de\tVries ") == "Sanne Bakker de Vries"


@pytest.mark.parametrize("name", ["Alice de Vries", "Ëlisabeth-Zoë Ünal " * 20, "李" * 300, "x" * 400])
def test_a_from_header_fits_320_characters_even_when_encoded(name):
    header = fit_address(name, "planning@acme.test", 320)
    assert len(header) <= 320
    parsed = HeaderParser(policy=default).parsestr(f"From: {header}\n\n")["From"]
    [address] = parsed.addresses
    assert isinstance(address, Address) and address.addr_spec == "planning@acme.test"
    assert name.split()[0][:5] in address.display_name or address.display_name == ""


def test_a_short_name_is_kept_whole():
    assert fit_address("Alice de Vries", "planning@acme.test", 320) == "Alice de Vries <planning@acme.test>"


def test_without_room_for_a_name_the_address_alone():
    assert fit_address("Alice", "planning@acme.test", 20) == "planning@acme.test"
