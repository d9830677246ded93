"""Bodies of phone login and referral profiles (seed 002). Response keys are the seed's own."""

from flask import current_app
from marshmallow import ValidationError, fields, validate

from helpers import phone
from helpers.http.schemas import ClearableText, Schema, Trimmed
from views.accounts import USERNAME

# The examples are Anna's, of the bundled demo data (fixtures/phone_users.json): her number
# as seed 002 writes it, her invite code, and the code of another user, which she has not
# activated yet.
EXAMPLE_PHONE = "89298284301"
EXAMPLE_E164 = "+79298284301"
EXAMPLE_INVITE_CODE = "Q9UK59"
EXAMPLE_OTHERS_CODE = "M4RT8Z"

# `$` rather than `\Z`: Swagger UI reads these patterns as JavaScript; Trimmed leaves no "\n".
INVITE_CODE = validate.Regexp(
    r"^[A-Z0-9]{6}$", error="An invite code is 6 characters, letters A-Z and digits."
)


class PhoneNumber(Trimmed):
    """A phone number in any usual format, loaded as E.164 (`+79298284301`)."""

    def _deserialize(self, value, attr, data, **kwargs):
        raw = super()._deserialize(value, attr, data, **kwargs)
        try:
            return phone.normalise(raw, current_app.config["PHONE_REGION"])
        except phone.InvalidPhoneNumber as exc:
            raise ValidationError(str(exc)) from None


class InviteCode(Trimmed):
    """An invite code; typed in lower case it is still the same code."""

    def _deserialize(self, value, attr, data, **kwargs):
        return super()._deserialize(value, attr, data, **kwargs).upper()


def phone_field(**kwargs) -> PhoneNumber:
    return PhoneNumber(
        metadata={
            "description": "Any usual format: 89298284301, +7 929 828-43-01, +79298284301",
            "example": EXAMPLE_PHONE,
        },
        **kwargs,
    )


class CodeRequestSchema(Schema):
    telephone_number = phone_field(required=True)


class CodeSentSchema(Schema):
    code = fields.String(data_key="Ваш код активации", metadata={"example": "1234"})


class PhoneLoginSchema(Schema):
    telephone_number = phone_field(required=True)
    code = Trimmed(
        required=True,
        validate=validate.Regexp(r"^[0-9]{4}$", error="The code is 4 digits."),
        metadata={"example": "1234"},
    )


class PhoneLoginResultSchema(Schema):
    token = fields.String(
        data_key="Ваш токен",
        metadata={
            "description": "API token: `Token …`",
            "example": "e29fb6245d5923f50fd9859356c75379a1b2c3d4",
        },
    )
    invite_code = fields.String(
        data_key="Ваш инвайт код", metadata={"example": EXAMPLE_INVITE_CODE}
    )


class ReferralProfileSchema(Schema):
    first_name = ClearableText(
        validate=validate.Length(max=100),
        metadata={"description": '"" when none', "example": "Анна"},
    )
    last_name = ClearableText(
        validate=validate.Length(max=100),
        metadata={"description": '"" when none', "example": "Смирнова"},
    )
    username = Trimmed(
        validate=USERNAME, metadata={"description": '"" when none', "example": "anna"}
    )
    telephone_number = fields.String(
        dump_only=True,
        metadata={
            "description": 'E.164, or "" for a user without a phone',
            "example": EXAMPLE_E164,
        },
    )
    invite_code = fields.String(
        dump_only=True,
        metadata={
            "description": 'Your own code; "" before a phone login',
            "example": EXAMPLE_INVITE_CODE,
        },
    )
    activated_invite_code = InviteCode(
        validate=INVITE_CODE,
        metadata={
            "description": 'Someone else\'s code to activate (once ever); "" if none',
            "example": EXAMPLE_OTHERS_CODE,
        },
    )
    invite_code_list = fields.List(
        fields.String(),
        dump_only=True,
        metadata={
            "description": "Phone numbers (E.164) of the users who activated your code",
            "example": ["+79298284302"],
        },
    )
