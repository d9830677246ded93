"""Bodies of the VHS cassette shop: cassettes, their filters, and the API-token reply."""

from datetime import UTC, date, datetime, timedelta

from marshmallow import ValidationError, fields, validate

from dao.model.cassettes import TITLE_MAX
from helpers.http.schemas import IsoDate, Schema, Trimmed
from views.accounts import EXAMPLE_EMAIL

MAX_QUANTITY = 2**31 - 1  # a PostgreSQL INTEGER
# The date is the client's: it is already tomorrow somewhere while today here (UTC+14).
LATEST_TIME_ZONE = timedelta(hours=14)


def not_in_future(day: date) -> None:
    if day > (datetime.now(UTC) + LATEST_TIME_ZONE).date():
        raise ValidationError("Must not be in the future.")


class CassetteSchema(Schema):
    """A cassette; the examples are seed 000's own (its PUT body, and the id it answers)."""

    id = fields.Integer(dump_only=True, metadata={"example": 15})
    title = Trimmed(
        required=True, validate=validate.Length(1, TITLE_MAX), metadata={"example": "Rambo"}
    )
    director = Trimmed(
        required=True, validate=validate.Length(1, TITLE_MAX), metadata={"example": "Ted Kotcheff"}
    )
    released = IsoDate(
        required=True,
        validate=not_in_future,
        metadata={
            "description": "Release date, YYYY-MM-DD, not in the future",
            "example": "1992-10-22",
        },
    )
    quantity = fields.Integer(
        strict=True,
        validate=validate.Range(0, MAX_QUANTITY),
        metadata={"description": "Copies in stock: 0 on a new cassette unless given", "example": 3},
    )


class CassetteFilterSchema(Schema):
    title = Trimmed(
        validate=validate.Length(max=TITLE_MAX),
        metadata={"description": "Only cassettes whose title contains this text (any case)"},
    )
    director = Trimmed(
        validate=validate.Length(max=TITLE_MAX),
        metadata={"description": "Only cassettes whose director contains this text (any case)"},
    )


class AccountNameSchema(Schema):
    username = fields.String(
        allow_none=True,
        metadata={
            "description": "null for an account without one (logged in by its email)",
            "example": EXAMPLE_EMAIL,
        },
    )


class TokenReplySchema(Schema):
    token = fields.String(
        required=True,
        metadata={
            "description": "40 hex characters; send `Authorization: Token <token>`",
            "example": "0d10ba79b691d17c69d6042369b8e013547476ef",  # seed 000's own
        },
    )
    user = fields.Nested(
        AccountNameSchema, required=True, metadata={"example": {"username": EXAMPLE_EMAIL}}
    )
