"""Identifiers: NHS number (modulus 11, via `nhs-number`) and Unique Pupil Number (modulus 23).

Each `clean_*` function takes what a person typed, removes spaces (and dashes), and returns the
identifier in its stored form, or raises `ValidationError` saying exactly what is wrong.
"""

import re

import nhs_number
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# The DfE check-letter alphabet: A-Z without I, O and S, valued 0-22.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_SEPARATORS = re.compile(r"[\s\-]+")


def _compact(value: str) -> str:
    return _SEPARATORS.sub("", value or "").upper()


def clean_nhs_number(value: str) -> str:
    """A 10-digit NHS number whose last digit is the modulus 11 check digit of the others."""
    number = _compact(value)
    if not number:
        return ""
    if not number.isdigit():
        raise ValidationError(_("NHS number must contain only numbers"), code="nhs_not_digits")
    if len(number) != 10:
        raise ValidationError(_("NHS number must be 10 digits"), code="nhs_length")
    if not nhs_number.is_valid(number):
        raise ValidationError(
            _(
                "Enter a real NHS number: the last digit is a check digit and it does not "
                "match the other 9. Check for a mistyped digit"
            ),
            code="nhs_check_digit",
        )
    return number


def upn_check_letter(body: str) -> str:
    """The check letter for the 12 characters after it (DfE modulus 23, weights 2 to 13)."""
    total = 0
    for weight, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_LETTERS.index(char)
        total += value * weight
    return UPN_LETTERS[total % 23]


def clean_upn(value: str) -> str:
    """A Unique Pupil Number: a check letter, 11 digits, then a digit (or a letter if temporary)."""
    upn = _compact(value)
    if not upn:
        return ""
    if len(upn) != 13:
        raise ValidationError(_("Unique Pupil Number must be 13 characters"), code="upn_length")
    first, middle, last = upn[0], upn[1:12], upn[12]
    if first not in UPN_LETTERS:
        raise ValidationError(
            _("Unique Pupil Number must start with a check letter (A to Z, but not I, O or S)"),
            code="upn_first_letter",
        )
    if not middle.isdigit() or not (last.isdigit() or last in UPN_LETTERS):
        raise ValidationError(
            _(
                "Unique Pupil Number must have 11 digits after the check letter, then a digit "
                "or (for a temporary number) a letter"
            ),
            code="upn_characters",
        )
    if upn_check_letter(upn[1:]) != first:
        raise ValidationError(
            _(
                "Enter a real Unique Pupil Number: the check letter does not match the rest of "
                "the number. Check for a mistyped character"
            ),
            code="upn_check_letter",
        )
    return upn
