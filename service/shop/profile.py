"""The shop's own view of the signed-in user: names and email (seed 003's "edit their data")."""

from dao.accounts import UserDAO
from dao.model.accounts import User
from helpers.errors import AlreadyExists, NotFound
from service.accounts import EMAIL_TAKEN
from service.base import Service


class ProfileService(Service):
    def __init__(self, users: UserDAO):
        super().__init__(users.session)
        self.users = users

    def update(self, user: User, changes: dict) -> User:
        """Change first and last name (`name`, `surname`) or email; raise AlreadyExists if the
        email is another account's, in any case."""
        with self._transaction():
            current = self.users.get(user.id)  # the session's copy: an email lookup may meet it
            if current is None:
                raise NotFound("Your account no longer exists.")
            email = changes.get("email")
            owner = self.users.get_by_email(email) if email else None
            if owner is not None and owner is not current:
                raise AlreadyExists(EMAIL_TAKEN)
            if not self.users.try_save(current, changes):  # taken meanwhile by a concurrent change
                raise AlreadyExists(EMAIL_TAKEN)
            return current
