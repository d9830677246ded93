"""One identity for every family: users, their API tokens and spent refresh tokens."""

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, validates

from dao.model.base import NEVER_REUSE_IDS, db, utcnow
from dao.model.types import UTCDateTime

ROLE_USER = "user"
ROLE_ADMIN = "admin"


class User(db.Model):
    __tablename__ = "users"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254))
    # The email case-folded in every alphabet (kept in step by `_fold_email`): emails are
    # unique and looked up by it, the same in Python, SQLite and PostgreSQL (SQLite's own
    # lower() folds ASCII letters only). Folding may lengthen text ("ß" is "ss").
    email_key: Mapped[str | None] = mapped_column(String(1024))
    username: Mapped[str | None] = mapped_column(String(150), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=ROLE_USER)
    # Bumped on every password change; tokens carry it and older ones are refused.
    token_version: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str | None] = mapped_column(String(100))
    surname: Mapped[str | None] = mapped_column(String(100))
    favorite_genre_id: Mapped[int | None] = mapped_column(
        ForeignKey("genres.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Phone login (referral family): the user's own code, given at their first phone login, and
    # the code they activated. Codes never change, so a stored code names its inviter.
    invite_code: Mapped[str | None] = mapped_column(String(6), unique=True)
    activated_invite_code: Mapped[str | None] = mapped_column(String(6), index=True)

    @property
    def is_admin(self) -> bool:
        return self.role == ROLE_ADMIN

    @validates("email")
    def _fold_email(self, key: str, email: str | None) -> str | None:
        self.email_key = email_key(email)
        return email


def email_key(email: str | None) -> str | None:
    """What makes two emails the same: their case-folded text."""
    return email.casefold() if email else None


# Emails are unique whatever their case; the stored spelling is the user's own.
Index("uq_users_email_key", User.email_key, unique=True)


class ApiToken(db.Model):
    """A user's opaque API token (`Authorization: Token <key>`), one per user.

    The key itself is never stored: it is derived from `seed` with the SECRET_KEY (so the same
    key can be handed out again) and looked up by its SHA-256 digest.
    """

    __tablename__ = "api_tokens"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    seed: Mapped[str] = mapped_column(String(64))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SpentRefreshToken(db.Model):
    """The `jti` of every refresh token already exchanged, so none works twice."""

    __tablename__ = "spent_refresh_tokens"

    jti: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
