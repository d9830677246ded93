"""The VHS cassette shop: cassettes in stock."""

from datetime import date

from sqlalchemy import CheckConstraint, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from dao.model.base import NEVER_REUSE_IDS, db

TITLE_MAX = 200


class Cassette(db.Model):
    __tablename__ = "cassettes"
    __table_args__ = (
        CheckConstraint("quantity >= 0", name="ck_cassettes_quantity"),
        NEVER_REUSE_IDS,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    director: Mapped[str] = mapped_column(String(TITLE_MAX))
    released: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer, default=0)
