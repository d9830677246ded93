"""Account bodies several families share: a username sign-up and a username login."""

from marshmallow import validate

from helpers.http.schemas import Password, Schema, Trimmed

# Any printable text (the car dealer's own example is "Some user"), trimmed, no control
# characters.
USERNAME = [
    validate.Length(1, 150),
    validate.Regexp(r"^[^\x00-\x1f\x7f]+\Z", error="Control characters are not allowed."),
]

# The Swagger examples of one demo account, the same in every family's bodies, so that the
# default bodies of "Try it out" sign up and log in as is: the movie catalog registers it by
# email, and every username login takes the email too (the shop's token for the order example).
EXAMPLE_EMAIL = "ann@example.com"
EXAMPLE_PASSWORD = "test123"
EXAMPLE_NEW_PASSWORD = "test456"
# Well-formed JWTs (user 4, 2026-12-01) signed with a key that is not ours: any use is a 401.
EXAMPLE_ACCESS_TOKEN = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0IiwidHlwZSI6ImFjY2VzcyIsImlhdCI6MTc5NjEy"
    "NjQwMCwiZXhwIjoxNzk2MTI4MjAwLCJqdGkiOiIwZjhjMmQ2ZTRiMWE0ZTdmOWMzZDViN2ExZTJmNGM2ZCIsInZl"
    "ciI6MH0.48sC3yINkp-LcjZcFKG_yBdfqXeXpTZj2DVLzn1uJ2k"
)
EXAMPLE_REFRESH_TOKEN = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI0IiwidHlwZSI6InJlZnJlc2giLCJpYXQiOjE3OTYx"
    "MjY0MDAsImV4cCI6MTc5ODcxODQwMCwianRpIjoiN2ExZTJmNGM2ZDBmOGMyZDZlNGIxYTRlN2Y5YzNkNWIiLCJ2"
    "ZXIiOjB9.bwS7tPeW9iUAOpfRh_TD2iSCl-HM-vUbhkOk9W4g-6g"
)


def username_field(rules) -> Trimmed:
    return Trimmed(required=True, validate=rules, metadata={"example": EXAMPLE_EMAIL})


class UsernameSignupSchema(Schema):
    """`{username, password}` creating an account (cassette shop, car dealer)."""

    username = username_field(USERNAME)
    password = Password(new=True, required=True, metadata={"example": EXAMPLE_PASSWORD})


class UsernameLoginSchema(Schema):
    """`{username, password}` logging in; the username may also be the account's email."""

    credentials = ("username", "password")
    username = username_field(validate.Length(1, 254))
    password = Password(required=True, metadata={"example": EXAMPLE_PASSWORD})
