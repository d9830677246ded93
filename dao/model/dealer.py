"""The car dealer: autos, each known by its unique mark."""

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from dao.model.base import NEVER_REUSE_IDS, db

MARK_LENGTH = 100
TEXT_LENGTH = 200


class Auto(db.Model):
    __tablename__ = "autos"
    __table_args__ = NEVER_REUSE_IDS

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Unique as spelt: "BMW" and "bmw" are two autos (SQLite and PostgreSQL compare exactly).
    mark: Mapped[str] = mapped_column(String(MARK_LENGTH), unique=True)
    max_speed: Mapped[int] = mapped_column(Integer)
    distance: Mapped[int] = mapped_column(Integer)
    handler: Mapped[str] = mapped_column(String(TEXT_LENGTH))
    stock: Mapped[str] = mapped_column(String(TEXT_LENGTH))
