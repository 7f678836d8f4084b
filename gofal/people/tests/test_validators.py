import pytest
from django.core.exceptions import ValidationError

from gofal.people.validators import clean_nhs_number, clean_upn, upn_check_letter


class TestNhsNumber:
    @pytest.mark.parametrize(
        ("typed", "stored"),
        [
            ("9434765919", "9434765919"),
            ("943 476 5919", "9434765919"),
            ("943-476-5919", "9434765919"),
            (" 4010232137 ", "4010232137"),
            ("", ""),
        ],
    )
    def test_accepts_valid_numbers_in_any_spacing(self, typed, stored):
        assert clean_nhs_number(typed) == stored

    @pytest.mark.parametrize(
        ("typed", "code"),
        [
            ("9434765918", "nhs_check_digit"),  # last digit wrong
            ("9434765910", "nhs_check_digit"),
            ("4010232138", "nhs_check_digit"),
            ("943476591", "nhs_length"),
            ("94347659190", "nhs_length"),
            ("94347A5919", "nhs_not_digits"),
        ],
    )
    def test_refuses_invalid_numbers_with_the_reason(self, typed, code):
        with pytest.raises(ValidationError) as caught:
            clean_nhs_number(typed)
        assert caught.value.code == code


class TestUniquePupilNumber:
    def test_published_example_is_valid(self):
        # weights 2..13 on 801200001001: 16+4+10+10+13 = 53; 53 mod 23 = 7 -> H
        assert upn_check_letter("801200001001") == "H"
        assert clean_upn("H801200001001") == "H801200001001"

    @pytest.mark.parametrize("typed", ["h801200001001", "H801 2000 01001", " H8012-00001001 "])
    def test_normalises_case_and_spaces(self, typed):
        assert clean_upn(typed) == "H801200001001"

    def test_temporary_number_ending_in_a_letter(self):
        body = "80120000100A"
        assert clean_upn(upn_check_letter(body) + body) == upn_check_letter(body) + body

    def test_check_letter_never_uses_i_o_or_s(self):
        letters = {upn_check_letter(f"{n:012d}") for n in range(0, 5000, 7)}
        assert not letters & {"I", "O", "S"}
        assert len(letters) == 23

    @pytest.mark.parametrize(
        ("typed", "code"),
        [
            ("A801200001001", "upn_check_letter"),
            ("H801200001002", "upn_check_letter"),
            ("H80120000100", "upn_length"),
            ("I801200001001", "upn_first_letter"),
            ("1801200001001", "upn_first_letter"),
            ("H8012000010X1", "upn_characters"),
        ],
    )
    def test_refuses_invalid_numbers_with_the_reason(self, typed, code):
        with pytest.raises(ValidationError) as caught:
            clean_upn(typed)
        assert caught.value.code == code
