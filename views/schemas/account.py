"""Bodies of accounts and credentials (movie catalog family)."""

from marshmallow import Schema, ValidationError, fields, pre_load, validate, validates_schema

from helpers.schemas import Trimmed

PASSWORD = validate.Length(8, 128, error="Must be 8 to 128 characters long.")
# Any printable text (the car dealer's own example is "Some user"), trimmed, no control
# characters.
USERNAME = [
    validate.Length(1, 150),
    validate.Regexp(r"^[^\x00-\x1f\x7f]+\Z", error="Control characters are not allowed."),
]


class UsernameSignupSchema(Schema):
    """`{username, password}` creating an account (cassette shop, car dealer)."""

    username = Trimmed(required=True, validate=USERNAME)
    password = fields.String(required=True, load_only=True, validate=PASSWORD)


class UsernameLoginSchema(Schema):
    """`{username, password}` logging in; the username may also be the account's email."""

    username = Trimmed(required=True, validate=validate.Length(1, 254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(1, 128))


class RegisterSchema(Schema):
    id = fields.Integer(dump_only=True)
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(required=True, load_only=True, validate=PASSWORD)

    @pre_load
    def strip_email(self, data, **kwargs):
        if isinstance(data.get("email"), str):
            data = {**data, "email": data["email"].strip()}
        return data


class LoginSchema(Schema):
    email = Trimmed(required=True, validate=validate.Length(1, 254))
    password = fields.String(required=True, load_only=True, validate=validate.Length(1, 128))


class TokenPairSchema(Schema):
    access_token = fields.String(required=True)
    refresh_token = fields.String(required=True)


class RefreshSchema(Schema):
    access_token = fields.String(validate=validate.Length(1, 4096))
    refresh_token = fields.String(required=True, validate=validate.Length(1, 4096))


class ProfileSchema(Schema):
    id = fields.Integer(dump_only=True)
    email = fields.String(dump_only=True)
    name = Trimmed(validate=validate.Length(max=100))
    surname = Trimmed(validate=validate.Length(max=100))
    favorite_genre = fields.Integer(
        attribute="favorite_genre_id",
        allow_none=True,
        validate=validate.Range(min=1),
        metadata={"description": "Genre id, or null"},
    )
    favourite_genre = fields.Integer(
        attribute="favorite_genre_id",
        dump_only=True,
        allow_none=True,
        metadata={"description": "The same genre id, British spelling (accepted on input too)"},
    )

    @pre_load
    def one_genre_field(self, data, **kwargs):
        """Take `favourite_genre` as `favorite_genre`; a form `<select>` sends "" for none."""
        data = dict(data)
        if "favourite_genre" in data:
            british = data.pop("favourite_genre")
            if data.setdefault("favorite_genre", british) != british:
                raise ValidationError("Differs from favorite_genre.", "favourite_genre")
        if data.get("favorite_genre") == "":
            data["favorite_genre"] = None
        return data


class PasswordChangeSchema(Schema):
    """`{password_1, password_2}` (seed) or `{old_password, new_password}` (course front end)."""

    password_1 = fields.String(load_only=True, validate=validate.Length(1, 128))
    password_2 = fields.String(load_only=True, validate=PASSWORD)
    old_password = fields.String(load_only=True, validate=validate.Length(1, 128))
    new_password = fields.String(load_only=True, validate=PASSWORD)

    @validates_schema
    def one_pair(self, data, **kwargs):
        seed_pair = {"password_1", "password_2"} <= data.keys()
        front_end_pair = {"old_password", "new_password"} <= data.keys()
        if seed_pair == front_end_pair:
            raise ValidationError(
                "Send password_1 (current) and password_2 (new), or old_password and new_password."
            )
