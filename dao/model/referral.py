"""Phone login: the one pending login code of each phone number."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, Integer, String, TypeDecorator
from sqlalchemy.orm import Mapped, mapped_column

from dao.model.base import db


class UtcDateTime(TypeDecorator):
    """A UTC datetime that comes back timezone-aware (SQLite stores it without the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class PhoneCode(db.Model):
    """The code last sent to a number: stored as an HMAC, never in clear.

    A new request replaces it; a successful login deletes it; `tries` counts wrong guesses.
    """

    __tablename__ = "phone_codes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    tries: Mapped[int] = mapped_column(Integer, default=0)
