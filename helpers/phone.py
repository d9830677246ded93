"""Phone numbers: the one place that parses them (Google's libphonenumber, `phonenumbers`)."""

import phonenumbers

MAX_LENGTH = 32
INVALID = "Not a valid phone number: write it as +79298284301 or 89298284301."


class InvalidPhoneNumber(ValueError):
    """The text is not a valid phone number."""


def normalise(raw: str, region: str) -> str:
    """The number in E.164 (`+79298284301`); a number without a country code is `region`'s.

    `89298284301`, `+7 929 828-43-01` and `+79298284301` are one number (region RU).
    """
    if len(raw) > MAX_LENGTH:
        raise InvalidPhoneNumber(INVALID)
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        raise InvalidPhoneNumber(INVALID) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(INVALID)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
