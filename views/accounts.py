"""Account bodies several families share: a username sign-up and a username login."""

from marshmallow import validate

from helpers.http.schemas import Password, Schema, Trimmed

# Any printable text (the car dealer's own example is "Some user"), trimmed, no control
# characters.
USERNAME = [
    validate.Length(1, 150),
    validate.Regexp(r"^[^\x00-\x1f\x7f]+\Z", error="Control characters are not allowed."),
]


class UsernameSignupSchema(Schema):
    """`{username, password}` creating an account (cassette shop, car dealer)."""

    username = Trimmed(required=True, validate=USERNAME)
    password = Password(new=True, required=True)


class UsernameLoginSchema(Schema):
    """`{username, password}` logging in; the username may also be the account's email."""

    credentials = ("username", "password")
    username = Trimmed(required=True, validate=validate.Length(1, 254))
    password = Password(required=True)
