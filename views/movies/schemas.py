"""Bodies of the movie catalog: genres, directors, movies, and its accounts and profile."""

from marshmallow import ValidationError, fields, pre_load, validate, validates_schema

from helpers.http.schemas import ClearableText, EmailAddress, Password, Schema, Trimmed
from views.accounts import (
    EXAMPLE_ACCESS_TOKEN,
    EXAMPLE_EMAIL,
    EXAMPLE_NEW_PASSWORD,
    EXAMPLE_PASSWORD,
    EXAMPLE_REFRESH_TOKEN,
)

MAX_YEAR = 2100
TRAILER_URL = validate.URL(schemes={"http", "https"})
# The examples' rows of the bundled catalog (fixtures/movies.json): a movie's genre and director.
EXAMPLE_GENRE = {"id": 4, "name": "Драма"}
EXAMPLE_DIRECTOR = {"id": 2, "name": "Квентин Тарантино"}


def trailer_link(value: str) -> None:
    """An http(s) link, or "" for none: what a movie without a trailer answers, sent back."""
    if value:
        TRAILER_URL(value)


class GenreSchema(Schema):
    # A genre the catalog does not have yet (names are unique), as the next one's id.
    id = fields.Integer(dump_only=True, metadata={"example": 19})
    name = Trimmed(
        required=True, validate=validate.Length(1, 100), metadata={"example": "Криминал"}
    )


class DirectorSchema(Schema):
    # Seed 000's director of "Rambo", whom the catalog does not have yet, as the next one's id.
    id = fields.Integer(dump_only=True, metadata={"example": 21})
    name = Trimmed(
        required=True, validate=validate.Length(1, 200), metadata={"example": "Ted Kotcheff"}
    )


class MovieSchema(Schema):
    """A movie; the examples are a film the bundled catalog lacks, by a director it has."""

    id = fields.Integer(dump_only=True, metadata={"example": 21})
    title = Trimmed(
        required=True, validate=validate.Length(1, 255), metadata={"example": "Однажды в Голливуде"}
    )
    description = Trimmed(
        load_default="",
        validate=validate.Length(max=5000),
        metadata={
            "example": "Актёр и его дублёр ищут своё место в Голливуде 1969 года, "
            "который уже не тот, что прежде"
        },
    )
    trailer = Trimmed(
        load_default="",
        validate=[validate.Length(max=500), trailer_link],
        metadata={
            "description": 'Link to the trailer (http or https), or "" for none',
            "example": "https://www.example.com/trailers/once-upon-a-time-in-hollywood",
        },
    )
    year = fields.Integer(
        required=True, validate=validate.Range(1888, MAX_YEAR), metadata={"example": 2019}
    )
    rating = fields.Float(
        required=True, allow_nan=False, validate=validate.Range(0, 10), metadata={"example": 7.6}
    )
    genre_id = fields.Integer(
        required=True,
        validate=validate.Range(min=1),
        metadata={"example": EXAMPLE_GENRE["id"]},
    )
    director_id = fields.Integer(
        required=True,
        validate=validate.Range(min=1),
        metadata={"example": EXAMPLE_DIRECTOR["id"]},
    )
    genre = fields.Nested(GenreSchema, dump_only=True, metadata={"example": EXAMPLE_GENRE})
    director = fields.Nested(DirectorSchema, dump_only=True, metadata={"example": EXAMPLE_DIRECTOR})


class RegisterSchema(Schema):
    email = EmailAddress(required=True, metadata={"example": EXAMPLE_EMAIL})
    password = Password(new=True, required=True, metadata={"example": EXAMPLE_PASSWORD})


class LoginSchema(Schema):
    """The same examples as RegisterSchema's: the default bodies register, then log in."""

    credentials = ("email", "password")
    email = Trimmed(
        required=True, validate=validate.Length(1, 254), metadata={"example": EXAMPLE_EMAIL}
    )
    password = Password(required=True, metadata={"example": EXAMPLE_PASSWORD})


class TokenPairSchema(Schema):
    access_token = fields.String(required=True, metadata={"example": EXAMPLE_ACCESS_TOKEN})
    refresh_token = fields.String(required=True, metadata={"example": EXAMPLE_REFRESH_TOKEN})


class RefreshSchema(Schema):
    credentials = ("access_token", "refresh_token")
    access_token = fields.String(
        validate=validate.Length(1, 4096), metadata={"example": EXAMPLE_ACCESS_TOKEN}
    )
    refresh_token = fields.String(
        required=True,
        validate=validate.Length(1, 4096),
        metadata={"example": EXAMPLE_REFRESH_TOKEN},
    )


class ProfileSchema(Schema):
    """The movie catalog's profile: exactly the keys the course's front end and tests read."""

    id = fields.Integer(dump_only=True, metadata={"example": 4})
    email = fields.String(dump_only=True, metadata={"example": EXAMPLE_EMAIL})
    name = ClearableText(
        validate=validate.Length(max=100), metadata={"description": "or null", "example": "Ann"}
    )
    surname = ClearableText(
        validate=validate.Length(max=100), metadata={"description": "or null", "example": "Smith"}
    )
    favourite_genre = fields.Integer(
        attribute="favorite_genre_id",
        allow_none=True,
        validate=validate.Range(min=1),
        metadata={"description": "Genre id, or null", "example": EXAMPLE_GENRE["id"]},
    )
    favorite_genre = fields.Integer(
        load_only=True,
        allow_none=True,
        validate=validate.Range(min=1),
        metadata={
            "description": "The seed's spelling of favourite_genre, accepted on input "
            "(the same id when both are sent)",
            "example": EXAMPLE_GENRE["id"],
        },
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
    """`{password_1, password_2}` (seed) or `{old_password, new_password}` (course front end).

    A field sent as null counts as left out: Swagger UI's default body holds every field, its
    example of one pair filled in and of the other null.
    """

    credentials = ("password_1", "old_password")

    password_1 = Password(
        allow_none=True,
        metadata={"description": "Your current password", "example": EXAMPLE_PASSWORD},
    )
    password_2 = Password(
        new=True,
        allow_none=True,
        metadata={"description": "The new password", "example": EXAMPLE_NEW_PASSWORD},
    )
    old_password = Password(
        allow_none=True,
        metadata={"description": "Same as password_1; null or left out with it", "example": None},
    )
    new_password = Password(
        new=True,
        allow_none=True,
        metadata={"description": "Same as password_2; null or left out with it", "example": None},
    )

    @pre_load
    def null_is_left_out(self, data, **kwargs):
        if not isinstance(data, dict):
            return data
        return {k: v for k, v in data.items() if not (v is None and k in self.load_fields)}

    @validates_schema
    def one_pair(self, data, **kwargs):
        seed_pair = {"password_1", "password_2"} <= data.keys()
        front_end_pair = {"old_password", "new_password"} <= data.keys()
        if seed_pair == front_end_pair:
            raise ValidationError(
                "Send password_1 (current) and password_2 (new), or old_password and new_password."
            )
