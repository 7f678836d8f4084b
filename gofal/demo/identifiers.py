"""Synthetic identifiers that pass the real checks: NHS numbers, UPNs and postcodes.

NHS numbers come from the 999 range, which the NHS never issues (kept for test patients), so a
generated number can never belong to a real person.
"""

import random

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters: no I, O or S


def nhs_check_digit(first_nine: str) -> int | None:
    """The modulus 11 check digit for nine digits, or None when no valid number exists."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_number_is_valid(number: str) -> bool:
    if len(number) != 10 or not number.isdigit():
        return False
    return nhs_check_digit(number[:9]) == int(number[9])


def synthetic_nhs_number(rng: random.Random) -> str:
    """A valid NHS number in the never-issued 999 range."""
    while True:
        body = f"999{rng.randrange(1_000_000):06d}"
        check = nhs_check_digit(body)
        if check is not None:
            return f"{body}{check}"


def _upn_value(char: str) -> int:
    if char.isdigit():
        return int(char)
    return UPN_LETTERS.index(char)


def upn_check_letter(last_twelve: str) -> str:
    """The check letter (position 1) for positions 2 to 13 of a Unique Pupil Number."""
    total = sum(_upn_value(c) * w for c, w in zip(last_twelve, range(2, 14), strict=True))
    return UPN_LETTERS[total % 23]


def upn_is_valid(upn: str) -> bool:
    if len(upn) != 13 or not upn[1:12].isdigit():
        return False
    last = upn[12]
    if not (last.isdigit() or last in UPN_LETTERS):
        return False
    return upn[0] == upn_check_letter(upn[1:])


def synthetic_upn(rng: random.Random, *, la_code: str, year_allocated: int) -> str:
    """A permanent UPN: check letter, LA code, school (DfE number), year (2 digits), serial."""
    school = rng.randrange(2000, 4000)
    serial = rng.randrange(1000)
    body = f"{la_code}{school:04d}{year_allocated % 100:02d}{serial:03d}"
    return upn_check_letter(body) + body


def postcode(rng: random.Random, outward: str, letters: str) -> str:
    """A well-formed postcode in an outward district: e.g. NP61 4HD."""
    return f"{outward} {rng.randrange(1, 10)}{rng.choice(letters)}{rng.choice(letters)}"
