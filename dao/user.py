"""Queries of users and their credentials."""

from sqlalchemy import delete, func, select

from dao.base import BaseDAO
from dao.model.user import ApiToken, SpentRefreshToken, User


class UserDAO(BaseDAO):
    model = User

    def get_by_email(self, email: str) -> User | None:
        return self.session.scalar(select(User).where(func.lower(User.email) == email.lower()))

    def get_by_username(self, username: str) -> User | None:
        return self.session.scalar(select(User).where(User.username == username))


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
