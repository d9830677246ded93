"""Marshmallow at the edge: reading request bodies, and Swagger models derived from schemas."""

import re
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import parse_qsl

import marshmallow
from apispec import APISpec
from apispec.ext.marshmallow import OpenAPIConverter
from flask import current_app, request
from flask_restx import Namespace
from marshmallow import EXCLUDE, ValidationError, fields, pre_load, validate
from werkzeug.exceptions import RequestEntityTooLarge

from helpers.errors import Invalid

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
# RFC 3339's date-time, seconds optional; the zone is optional here only so that a zoneless
# moment gets its own message.
ISO_MOMENT = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?", re.ASCII
)
PLAIN_DECIMAL = re.compile(r"[0-9]+(\.[0-9]+)?")
# The pattern of any text in a URL or a trimmed field: NUL is refused everywhere.
NO_NUL = r"^[^\x00]*$"
# The characters `str.strip()` removes, spelt out: `\s` means other sets in other engines.
BLANK = r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
# JSON-schema keywords that state rules on input, not facts about answers.
INPUT_RULES = {"minLength", "maxLength", "pattern", "minimum", "maximum", "default"}
PASSWORD_MAX_LENGTH = 128
# JSON may escape half of a UTF-16 pair alone ("\ud800"): valid JSON, but no character, so no
# database, hash or token library takes it as text.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
NOT_TEXT = "Not valid text: it holds a lone surrogate (half of a UTF-16 pair)."

# Inline nested schemas (no resolver name): Flask-RESTX would not define apispec's `$ref`s.
_converter = OpenAPIConverter(
    "2.0", lambda schema: None, APISpec("storefront", "1", openapi_version="2.0")
)


def readable(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, as a UTF-8 decoder would."""
    return LONE_SURROGATE.sub("\ufffd", text)


def _holds_lone_surrogate(value) -> bool:
    if isinstance(value, str):
        return LONE_SURROGATE.search(value) is not None
    if isinstance(value, dict):
        return any(map(_holds_lone_surrogate, [*value.keys(), *value.values()]))
    if isinstance(value, list):
        return any(map(_holds_lone_surrogate, value))
    return False


def _nests_schemas(field: fields.Field) -> bool:
    inner = field.inner if isinstance(field, fields.List) else field
    return isinstance(inner, fields.Nested)


class Schema(marshmallow.Schema):
    """Every schema of ours: fields a body does not know are ignored, never stored.

    Django REST Framework (the framework of seeds 000, 002 and 003) and the course's reference
    backend for 004 do the same, and the seeds' clients send extra fields. Ignoring them also
    leaves no way to assign `role`, `id` or anything else the schema does not name.

    `credentials` names the fields a call compares with stored secrets and never stores (a
    login's name and password, a refresh token).
    """

    credentials: tuple[str, ...] = ()

    class Meta:
        unknown = EXCLUDE

    @pre_load
    def refuse_lone_surrogates(self, data, **kwargs):
        """Text with a lone surrogate is invalid in a field that is stored (400 naming it); in
        a credential it becomes U+FFFD, matching nothing, so the call answers as it answers
        any wrong credential."""
        if not isinstance(data, dict) or not _holds_lone_surrogate(data):
            return data
        by_key = {field.data_key or name: (name, field) for name, field in self.load_fields.items()}
        data, errors = dict(data), {}
        for key, value in data.items():
            name, field = by_key.get(key, (None, None))
            if field is None or _nests_schemas(field) or not _holds_lone_surrogate(value):
                continue  # unknown (ignored), or checked by the nested schema itself
            if name in self.credentials and isinstance(value, str):
                data[key] = readable(value)
            else:
                errors[key] = [NOT_TEXT]
        if errors:
            raise ValidationError(errors)
        return data


class Trimmed(fields.String):
    """A string with surrounding whitespace removed before validation; NUL is refused.

    Its length limits hold for the text as sent too, as its Swagger `maxLength` says: padding
    does not make a long text fit.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ValidationError("NUL characters are not allowed.")
        for rule in self.validators:
            if isinstance(rule, validate.Length) and rule.max is not None and len(text) > rule.max:
                rule(text)  # too long as sent: refused with the rule's own message
        return text.strip()


class ClearableText(Trimmed):
    """Optional text that `null` or blank text clears: loaded as None, stored as NULL."""

    def __init__(self, **kwargs):
        super().__init__(allow_none=True, **kwargs)

    def deserialize(self, value, attr=None, data=None, **kwargs):
        text = super().deserialize(value, attr, data, **kwargs)
        return None if text == "" else text  # not `or`: a field left out stays left out


def password_length(shortest: int) -> validate.Length:
    return validate.Length(
        shortest, PASSWORD_MAX_LENGTH, error="Must be {min} to {max} characters long."
    )


def new_password_length(password: str) -> None:
    """A password being set: PASSWORD_MIN_LENGTH (1 unless a deployment raises it) to 128."""
    password_length(current_app.config["PASSWORD_MIN_LENGTH"])(password)


class Password(fields.String):
    """A password, taken exactly as sent (never trimmed) and never dumped.

    Any non-empty text up to 128 characters logs in; a `new` one (sign-up, password change)
    must also be PASSWORD_MIN_LENGTH long. Guessing is stopped by the rate limits, not length.
    """

    def __init__(self, new: bool = False, **kwargs):
        rule = new_password_length if new else password_length(1)
        doc = {"minLength": 1, "maxLength": PASSWORD_MAX_LENGTH, "format": "password"}
        if new:
            doc["description"] = (
                "1 to 128 characters, unless PASSWORD_MIN_LENGTH raises the minimum"
            )
        super().__init__(
            load_only=True, validate=rule, metadata={**doc, **kwargs.pop("metadata", {})}, **kwargs
        )


class EmailAddress(fields.Email):
    """An email address, surrounding whitespace removed first, at most 254 characters."""

    def __init__(self, **kwargs):
        super().__init__(validate=validate.Length(max=254), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = value.strip() if isinstance(value, str) else value
        return super()._deserialize(text, attr, data, **kwargs)


class Flag(fields.Boolean):
    """A yes/no query parameter: `true`/`True`/`1` or `false`/`False`/`0`, nothing else."""

    def __init__(self, **kwargs):
        super().__init__(
            truthy={"true", "True", "1"},
            falsy={"false", "False", "0"},
            error_messages={"invalid": "Must be true or false."},
            **kwargs,
        )


class Moment(fields.AwareDateTime):
    """A moment written `YYYY-MM-DDTHH:MM[:SS[.ffffff]]` with its time zone (`Z` or `±HH:MM`;
    a zoneless one is refused), kept in UTC: it is answered as it will be read back, whatever
    zone it was sent in. Not the other forms `datetime.fromisoformat` takes (weeks, no dashes).
    """

    default_error_messages = {"range": "Out of range: years 1 to 9999, in UTC too."}

    def __init__(self, **kwargs):
        super().__init__(format="iso", **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> datetime:
        if not (isinstance(value, str) and ISO_MOMENT.fullmatch(value)):
            raise self.make_error("invalid", input=value, obj_type=self.OBJ_TYPE)
        moment = super()._deserialize(value, attr, data, **kwargs)
        try:
            return moment.astimezone(UTC)
        except OverflowError:
            raise self.make_error("range") from None


class IsoDate(fields.Date):
    """A date written exactly `YYYY-MM-DD` (not the other forms `date.fromisoformat` takes)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if not (isinstance(value, str) and ISO_DATE.fullmatch(value)):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class Money(fields.Decimal):
    """An amount with at most 2 decimal places (a JSON number or string), dumped as "19.90".

    A string is plain digits with an optional fraction: not the other spellings `Decimal`
    reads ("1e2", "1_000", " 5", "+5", other scripts' digits).
    """

    default_error_messages = {"places": "Must have at most 2 decimal places."}

    def __init__(self, **kwargs):
        super().__init__(places=2, as_string=True, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs) -> Decimal:
        if isinstance(value, str) and not PLAIN_DECIMAL.fullmatch(value):
            raise self.make_error("invalid")
        amount = super()._deserialize(value, attr, data, **kwargs)
        if Decimal(str(value)) != amount:  # quantizing changed it: more than 2 places
            raise self.make_error("places")
        return amount


_converter.map_to_openapi_type(Money, "string", "decimal")  # documented as it is dumped


def _trimmed_pattern(self, field, ret: dict, **kwargs) -> dict:
    """Document what Trimmed refuses: NUL anywhere, and blank text where some is required."""
    if not isinstance(field, Trimmed) or "pattern" in ret:
        return {}
    if ret.get("minLength", 0) > 0:
        return {"pattern": rf"^[^\x00]*[^\x00{BLANK}][^\x00]*$"}
    return {"pattern": NO_NUL}


def _exclusive_bounds(self, field, ret: dict, **kwargs) -> dict:
    """State a Range's exclusive ends, which apispec leaves out (`minimum: 0` for `> 0`)."""
    bounds = {}
    for rule in field.validators:
        if not isinstance(rule, validate.Range):
            continue
        if rule.min is not None and not rule.min_inclusive and ret.get("minimum") == rule.min:
            bounds["exclusiveMinimum"] = True
        if rule.max is not None and not rule.max_inclusive and ret.get("maximum") == rule.max:
            bounds["exclusiveMaximum"] = True
    return bounds


_converter.add_attribute_function(_trimmed_pattern)
_converter.add_attribute_function(_exclusive_bounds)


# `@ns.doc(params=OPTIONAL_BODY)`: a partial update whose body may be left out (no change);
# Flask-RESTX marks every `@ns.expect` body required.
OPTIONAL_BODY = {"payload": {"required": False}}


def request_data(allow_form: bool = False) -> dict:
    """The body as a dict: JSON whatever the Content-Type, or form fields where allowed."""
    if allow_form and request.mimetype == "multipart/form-data":
        return request.form.to_dict()
    body = request.get_data(cache=True)
    if request.content_length is None and len(body) >= current_app.config["MAX_CONTENT_LENGTH"]:
        raise RequestEntityTooLarge()  # a chunked body, cut at the limit: it was longer
    if allow_form and request.mimetype == "application/x-www-form-urlencoded":
        return _form_fields(body)
    if not body:
        return {}
    try:
        data = request.get_json(force=True)
    except RecursionError:
        raise Invalid("The JSON body is nested too deeply.") from None
    if not isinstance(data, dict):
        raise Invalid("The request body must be a JSON object.")
    return data


def _form_fields(body: bytes) -> dict:
    """Form fields, the first value of each; invalid UTF-8 (raw or %-escaped) is refused,
    where werkzeug would keep it %-escaped as if the client had typed it."""
    try:
        pairs = parse_qsl(body.decode(), keep_blank_values=True, errors="strict")
    except UnicodeDecodeError:
        raise Invalid("The form body is not valid UTF-8.") from None
    fields_sent: dict = {}
    for name, value in pairs:
        fields_sent.setdefault(name, value)
    return fields_sent


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


def schema_params(schema: Schema, location: str = "query") -> dict:
    """The Swagger parameters (of the query string, or the headers) that `schema` reads, for
    `@ns.doc(params=...)`: derived as the body models are, so they state exactly what loading
    them with it checks."""
    return {
        parameter.pop("name"): parameter
        for parameter in _converter.schema2parameters(schema, location=location)
    }


def schema_model(ns: Namespace, schema: Schema, name: str | None = None, **constraints):
    """A Swagger model of `schema`, for documentation only (loading is the schema's job).

    `constraints` are JSON-schema keywords on the whole object that the schema checks in
    code (`minProperties=1` for a change that must change something).
    """
    name = name or type(schema).__name__.removesuffix("Schema")
    return ns.schema_model(name, {**_converter.schema2jsonschema(schema), **constraints})


def answer_model(ns: Namespace, schema: Schema, name: str, nullable: tuple[str, ...] = ()):
    """A Swagger model of what `schema` dumps, for answers that differ from what it loads:
    no load-only fields, and none of the rules on input (a stored "" may stand for "none"
    where a new value must match a pattern); the `nullable` fields may answer null although
    they may not be set to it."""
    doc = _converter.schema2jsonschema(schema)
    load_only = {field.data_key or key for key, field in schema.fields.items() if field.load_only}
    properties = {
        key: {rule: value for rule, value in prop.items() if rule not in INPUT_RULES}
        for key, prop in doc["properties"].items()
        if key not in load_only
    }
    for key in nullable:
        properties[key]["x-nullable"] = True
    answer = {**doc, "properties": properties}
    answer.pop("required", None)
    required = [key for key in doc.get("required", []) if key not in load_only]
    if required:
        answer["required"] = required
    return ns.schema_model(name, answer)
