"""Bodies of the movie catalog: genres, directors, movies."""

from marshmallow import fields, validate

from helpers.http.schemas import Schema, Trimmed

MAX_YEAR = 2100
TRAILER_URL = validate.URL(schemes={"http", "https"})


def trailer_link(value: str) -> None:
    """An http(s) link, or "" for none: what a movie without a trailer answers, sent back."""
    if value:
        TRAILER_URL(value)


class GenreSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = Trimmed(required=True, validate=validate.Length(1, 100))


class DirectorSchema(Schema):
    id = fields.Integer(dump_only=True)
    name = Trimmed(required=True, validate=validate.Length(1, 200))


class MovieSchema(Schema):
    id = fields.Integer(dump_only=True)
    title = Trimmed(required=True, validate=validate.Length(1, 255))
    description = Trimmed(load_default="", validate=validate.Length(max=5000))
    trailer = Trimmed(
        load_default="",
        validate=[validate.Length(max=500), trailer_link],
        metadata={"description": 'Link to the trailer (http or https), or "" for none'},
    )
    year = fields.Integer(required=True, validate=validate.Range(1888, MAX_YEAR))
    rating = fields.Float(required=True, allow_nan=False, validate=validate.Range(0, 10))
    genre_id = fields.Integer(required=True, validate=validate.Range(min=1))
    director_id = fields.Integer(required=True, validate=validate.Range(min=1))
    genre = fields.Nested(GenreSchema, dump_only=True)
    director = fields.Nested(DirectorSchema, dump_only=True)
