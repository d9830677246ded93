"""Bodies of the car dealer: autos, the mark in their path, and the `Message`/`Error` replies."""

from marshmallow import ValidationError, fields, validate, validates_schema

from dao.model.dealer import MARK_LENGTH, TEXT_LENGTH
from helpers.http.schemas import Schema, Trimmed
from views.accounts import EXAMPLE_ACCESS_TOKEN

MAX_INT = 2**31 - 1  # the Integer column on PostgreSQL; larger numbers are refused, not stored


class MarkSchema(Schema):
    """The mark from the path, exactly as sent (case and spaces are part of it)."""

    mark = fields.String(required=True, validate=validate.Length(1, MARK_LENGTH))


class AutoSchema(Schema):
    mark = fields.String(
        dump_only=True, metadata={"description": "From the path; unique", "example": "Porsche 911"}
    )
    max_speed = fields.Integer(
        required=True,
        strict=True,
        validate=[validate.Range(min=0, min_inclusive=False), validate.Range(max=MAX_INT)],
        metadata={"description": "Top speed, km/h", "example": 280},
    )
    distance = fields.Integer(
        required=True,
        strict=True,
        validate=[validate.Range(min=0), validate.Range(max=MAX_INT)],
        metadata={"description": "Distance driven, km", "example": 400},
    )
    handler = Trimmed(
        required=True,
        validate=validate.Length(1, TEXT_LENGTH),
        metadata={"description": "Who handles the sale", "example": "Auto Motors"},
    )
    stock = Trimmed(
        required=True,
        validate=validate.Length(1, TEXT_LENGTH),
        metadata={"description": "Where the auto stands", "example": "Germany"},
    )

    @validates_schema
    def not_empty(self, data, **kwargs):
        """A partial update (PATCH) still has to change something."""
        if not data:
            raise ValidationError("Send at least one of max_speed, distance, handler, stock.")


class MessageSchema(Schema):
    Message = fields.String(required=True, metadata={"example": "Auto created"})


class ErrorSchema(Schema):
    Error = fields.String(required=True, metadata={"example": "Auto with that mark not found"})


class AccessTokenSchema(Schema):
    access_token = fields.String(
        required=True,
        metadata={"description": "A JWT access token", "example": EXAMPLE_ACCESS_TOKEN},
    )
