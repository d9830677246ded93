"""A signed-in user's own profile and password."""

from flask import current_app

from dao.accounts import ApiTokenDAO, UserDAO
from dao.model.accounts import User
from dao.movies import GenreDAO
from helpers import security
from helpers.errors import Invalid
from service.base import Service

WRONG_PASSWORD = "The current password is wrong."


class UserService(Service):
    def __init__(self, users: UserDAO, genres: GenreDAO, api_tokens: ApiTokenDAO):
        super().__init__(users.session)
        self.users = users
        self.genres = genres
        self.api_tokens = api_tokens

    def update_profile(self, user: User, changes: dict) -> User:
        """Change name, surname or favorite genre; raise Invalid for an unknown genre."""
        with self._transaction():
            genre_id = changes.get("favorite_genre_id")
            if genre_id is not None and self.genres.get(genre_id) is None:
                raise Invalid(
                    "The favorite genre does not exist.",
                    {"favourite_genre": [f"There is no genre with id {genre_id}."]},
                )
            return self.users.update(user, changes)

    def change_password(self, user: User, current: str, new: str) -> None:
        """Replace the password and revoke every credential issued before; raise Invalid.

        The slow check and hash come first, outside the transaction; the write then applies
        only if no other change came in between (the token version is still the one read),
        so of two changes made with the same current password, only one succeeds.
        """
        method = current_app.config["PASSWORD_HASH_METHOD"]
        if not security.verify_password(current, user.password_hash, method):
            raise Invalid(WRONG_PASSWORD)
        new_hash = security.hash_password(new, method)
        with self._transaction():
            if not self.users.replace_password(user, new_hash):
                raise Invalid(WRONG_PASSWORD)
            self.api_tokens.delete_for_user(user.id)
