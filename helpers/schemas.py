"""Marshmallow at the edge: reading request bodies, and Swagger models derived from schemas."""

import re
from decimal import Decimal

from apispec import APISpec
from apispec.ext.marshmallow import OpenAPIConverter
from flask import request
from flask_restx import Namespace
from marshmallow import Schema, ValidationError, fields

from helpers.errors import Invalid

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}

# Inline nested schemas (no resolver name): Flask-RESTX would not define apispec's `$ref`s.
_converter = OpenAPIConverter(
    "2.0", lambda schema: None, APISpec("storefront", "1", openapi_version="2.0")
)


class Trimmed(fields.String):
    """A string with surrounding whitespace removed before validation; NUL is refused."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ValidationError("NUL characters are not allowed.")
        return text.strip()


class IsoDate(fields.Date):
    """A date written exactly `YYYY-MM-DD` (not the other forms `date.fromisoformat` takes)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class Money(fields.Decimal):
    """An amount with at most 2 decimal places (a JSON number or string), dumped as "19.90"."""

    default_error_messages = {"places": "Must have at most 2 decimal places."}

    def __init__(self, **kwargs):
        super().__init__(places=2, as_string=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> Decimal:
        amount = super()._deserialize(value, attr, data, **kwargs)
        if Decimal(str(value)) != amount:  # quantizing changed it: more than 2 places
            raise self.make_error("places")
        return amount


_converter.map_to_openapi_type(Money, "string", "decimal")  # documented as it is dumped


def request_data(allow_form: bool = False) -> dict:
    """The body as a dict: JSON whatever the Content-Type, or form fields where allowed."""
    if allow_form and request.mimetype in FORM_TYPES:
        return request.form.to_dict()
    if not request.get_data(cache=True):
        return {}
    try:
        data = request.get_json(force=True)
    except RecursionError:
        raise Invalid("The JSON body is nested too deeply.") from None
    if not isinstance(data, dict):
        raise Invalid("The request body must be a JSON object.")
    return data


def load(schema: Schema, data: dict, message: str = "The request is invalid.") -> dict:
    """Validate `data` (a body, a query string, path parts); raise Invalid naming each field."""
    try:
        return schema.load(data)
    except ValidationError as exc:
        # Never pass the ValidationError itself on: its `.data` is the raw input.
        raise Invalid(message, exc.messages) from None


def load_body(schema: Schema, allow_form: bool = False) -> dict:
    """Validate the body with `schema`; raise Invalid (400) naming each field at fault."""
    return load(schema, request_data(allow_form), "The request body is invalid.")


def load_query(schema: Schema) -> dict:
    """Validate the query string with `schema`; raise Invalid (400) naming each parameter."""
    return load(schema, request.args.to_dict(), "Invalid query parameters.")


def schema_model(ns: Namespace, schema: Schema, name: str | None = None):
    """A Swagger model of `schema`, for documentation only (loading is the schema's job)."""
    name = name or type(schema).__name__.removesuffix("Schema")
    return ns.schema_model(name, _converter.schema2jsonschema(schema))
