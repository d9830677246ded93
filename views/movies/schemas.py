"""Bodies of the movie catalog: genres, directors, movies, and its accounts and profile."""

from marshmallow import ValidationError, fields, pre_load, validate, validates_schema

from helpers.http.schemas import ClearableText, EmailAddress, Password, Schema, Trimmed

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


class RegisterSchema(Schema):
    email = EmailAddress(required=True)
    password = Password(new=True, required=True)


class LoginSchema(Schema):
    credentials = ("email", "password")
    email = Trimmed(required=True, validate=validate.Length(1, 254))
    password = Password(required=True)


class TokenPairSchema(Schema):
    access_token = fields.String(required=True)
    refresh_token = fields.String(required=True)


class RefreshSchema(Schema):
    credentials = ("access_token", "refresh_token")
    access_token = fields.String(validate=validate.Length(1, 4096))
    refresh_token = fields.String(required=True, validate=validate.Length(1, 4096))


class ProfileSchema(Schema):
    """The movie catalog's profile: exactly the keys the course's front end and tests read."""

    id = fields.Integer(dump_only=True)
    email = fields.String(dump_only=True)
    name = ClearableText(validate=validate.Length(max=100), metadata={"description": "or null"})
    surname = ClearableText(validate=validate.Length(max=100), metadata={"description": "or null"})
    favourite_genre = fields.Integer(
        attribute="favorite_genre_id",
        allow_none=True,
        validate=validate.Range(min=1),
        metadata={"description": "Genre id, or null"},
    )
    favorite_genre = fields.Integer(
        load_only=True,
        allow_none=True,
        validate=validate.Range(min=1),
        metadata={"description": "The seed's spelling of favourite_genre, accepted on input"},
    )

    @pre_load
    def one_genre_field(self, data, **kwargs):
        """Take `favorite_genre` as `favourite_genre`; a form `<select>` sends "" for none."""
        data = dict(data)
        if "favorite_genre" in data:
            seed_spelling = data.pop("favorite_genre")
            if data.setdefault("favourite_genre", seed_spelling) != seed_spelling:
                raise ValidationError("Differs from favourite_genre.", "favorite_genre")
        if data.get("favourite_genre") == "":
            data["favourite_genre"] = None
        return data


class PasswordChangeSchema(Schema):
    """`{password_1, password_2}` (seed) or `{old_password, new_password}` (course front end)."""

    credentials = ("password_1", "old_password")

    password_1 = Password(metadata={"description": "Your current password"})
    password_2 = Password(new=True, metadata={"description": "The new password"})
    old_password = Password(metadata={"description": "Same as password_1"})
    new_password = Password(new=True, metadata={"description": "Same as password_2"})

    @validates_schema
    def one_pair(self, data, **kwargs):
        seed_pair = {"password_1", "password_2"} <= data.keys()
        front_end_pair = {"old_password", "new_password"} <= data.keys()
        if seed_pair == front_end_pair:
            raise ValidationError(
                "Send password_1 (current) and password_2 (new), or old_password and new_password."
            )
