import pytest
from django.core.exceptions import ValidationError

from regisseur.core.phones import format_phone, mobile_search_fragment, normalise_mobile


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("06 12345678", "+31612345678"),
        ("06-1234 5678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
        ("+44 7911 123456", "+447911123456"),
        ("", ""),
    ],
)
def test_mobile_numbers_are_stored_in_e164(typed, stored):
    assert normalise_mobile(typed) == stored


@pytest.mark.parametrize("typed", ["12", "06 1234", "hello", "+31 20 123 4567", "0" * 40, "+999 123456789"])
def test_invalid_or_non_mobile_numbers_are_refused_with_a_message(typed):
    with pytest.raises(ValidationError) as raised:
        normalise_mobile(typed)
    assert raised.value.code == "invalid_phone"
    assert raised.value.messages[0]


def test_stored_numbers_are_shown_readably():
    assert format_phone("+31612345678") == "+31 6 12345678"


@pytest.mark.parametrize(
    ("typed", "fragment"),
    [
        ("06 12345678", "+31612345678"),
        ("+31612345678", "+31612345678"),
        ("0612345678", "+31612345678"),
        ("06-123", "+316123"),
        ("0031 6 12", "+31612"),
        ("+44 79", "+4479"),
        ("345678", "345678"),
        ("Bakker", ""),
        ("12", ""),
        ("06 12a", ""),
    ],
)
def test_a_typed_number_is_searched_as_it_is_stored(typed, fragment):
    assert mobile_search_fragment(typed) == fragment
