"""Mobile numbers: parsed and stored in E.164 with the phonenumbers library."""

from __future__ import annotations

import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalise_mobile(raw: str, *, default_region: str = "NL") -> str:
    """The number in E.164 (+31612345678), or '' for an empty value; ValidationError if invalid."""
    value = (raw or "").strip()
    if not value:
        return ""
    if len(value) > 32:
        raise ValidationError(_("This phone number is too long."), code="invalid_phone")
    try:
        number = phonenumbers.parse(value, default_region)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            _("“%(value)s” is not a phone number. Use a format like 06 12345678 or +31 6 12345678."),
            code="invalid_phone",
            params={"value": value},
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("“%(value)s” is not a valid phone number. Check the digits and the country code."),
            code="invalid_phone",
            params={"value": value},
        )
    kind = phonenumbers.number_type(number)
    if kind not in {
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    }:
        raise ValidationError(
            _("“%(value)s” is not a mobile number; text messages need a mobile number."),
            code="invalid_phone",
            params={"value": value},
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_phone(e164: str) -> str:
    """A stored number as people read it: +31 6 12345678."""
    if not e164:
        return ""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except phonenumbers.NumberParseException:
        return e164


_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]+$")


def mobile_search_fragment(raw: str, *, default_region: str = "NL") -> str:
    """What a typed number looks like inside a stored E.164 number, or '' when `raw` is not a number.

    "06 12345678", "+31612345678" and "0612345678" all give "+31612345678"; a part of a
    number gives the part as stored: "06 123" → "+316123", "0031 6" → "+316", "345678" → "345678".
    """
    value = (raw or "").strip()
    if not _PHONE_LIKE.match(value):
        return ""
    digits = re.sub(r"\D", "", value)
    if len(digits) < 3:
        return ""
    try:
        return normalise_mobile(value, default_region=default_region)
    except ValidationError:
        pass
    if value.startswith("+"):
        return f"+{digits}"
    if digits.startswith("00"):
        return f"+{digits[2:]}"
    if digits.startswith("0"):
        country = phonenumbers.country_code_for_region(default_region)
        return f"+{country}{digits[1:]}"
    return digits
