"""Queries of users and their credentials."""

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import make_transient_to_detached

from dao.base import MAX_ID, BaseDAO
from dao.model.accounts import ApiToken, SpentRefreshToken, User, email_key


class UserDAO(BaseDAO):
    model = User
    _row_by_id = select(User.__table__).where(User.__table__.c.id == bindparam("user_id"))

    def get_detached(self, user_id: int) -> User | None:
        """The user, read with a plain Core query on a connection of its own, not in the session.

        Every authenticated request loads its user to check the token version (so a password
        change revokes tokens at once). Through the session that load costs about as much as the
        rest of a request: a session transaction, the identity map, and closing both at teardown.
        The user comes back detached with every column loaded; `update` adds it to the session.
        The connection comes from the session's engine (`get_bind`): asking the session for a
        connection would open its transaction.
        """
        if not 0 < user_id <= MAX_ID:
            return None
        with self.session.get_bind(User).connect() as connection:
            row = connection.execute(self._row_by_id, {"user_id": user_id}).one_or_none()
        if row is None:
            return None
        user = User(**row._mapping)
        make_transient_to_detached(user)
        return user

    def page_with_phone(self, offset: int, limit: int | None, newest_first: bool) -> list[User]:
        """A page of the users who have a phone number: the phone login family's profiles."""
        return self.page(offset, limit, newest_first, where=(User.phone.is_not(None),))

    def get_by_email(self, email: str) -> User | None:
        return self.session.scalar(select(User).where(User.email_key == email_key(email)))

    def get_by_username(self, username: str) -> User | None:
        return self.session.scalar(select(User).where(User.username == username))

    def get_by_phone(self, phone: str) -> User | None:
        return self.session.scalar(select(User).where(User.phone == phone))

    def get_by_invite_code(self, code: str) -> User | None:
        return self.session.scalar(select(User).where(User.invite_code == code))

    def invitee_phones(self, codes: list[str]) -> dict[str, list[str]]:
        """The phone numbers of the users who activated each of `codes`, in one query.

        Users without a phone number (password accounts) are left out: the list is of numbers.
        """
        rows = self.session.execute(
            select(User.activated_invite_code, User.phone)
            .where(User.activated_invite_code.in_(codes), User.phone.is_not(None))
            .order_by(User.id)
        )
        phones: dict[str, list[str]] = {}
        for code, phone in rows:
            phones.setdefault(code, []).append(phone)
        return phones

    def replace_password(self, user: User, password_hash: str) -> bool:
        """Set the hash and bump the token version, unless the version moved since `user` was
        read (a concurrent change came first)."""
        result = self.session.execute(
            update(User)
            .where(User.id == user.id, User.token_version == user.token_version)
            .values(password_hash=password_hash, token_version=User.token_version + 1)
        )
        return result.rowcount == 1

    def activate_invite(self, user: User, code: str) -> bool:
        """Record `code` as the user's activated one, unless they already have one."""
        result = self.session.execute(
            update(User)
            .where(User.id == user.id, User.activated_invite_code.is_(None))
            .values(activated_invite_code=code)
        )
        return result.rowcount == 1


class ApiTokenDAO(BaseDAO):
    model = ApiToken

    def get_by_digest(self, key_hash: str) -> ApiToken | None:
        return self.session.scalar(select(ApiToken).where(ApiToken.key_hash == key_hash))

    def get_for_user(self, user_id: int) -> ApiToken | None:
        return self.session.get(ApiToken, user_id)

    def delete_for_user(self, user_id: int) -> None:
        self.session.execute(delete(ApiToken).where(ApiToken.user_id == user_id))


class SpentRefreshTokenDAO(BaseDAO):
    model = SpentRefreshToken

    def is_spent(self, jti: str) -> bool:
        return self.session.get(SpentRefreshToken, jti) is not None
