"""Phone login: the one pending login code of each phone number."""

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from dao.model.base import NEVER_REUSE_IDS, db
from dao.model.types import UTCDateTime


class PhoneCode(db.Model):
    """The code last sent to a number: stored as an HMAC, never in clear.

    A new request replaces it; a successful login deletes it; `tries` counts wrong guesses.
    """

    __tablename__ = "phone_codes"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    tries: Mapped[int] = mapped_column(Integer, default=0)
