"""Column types that keep their meaning on every database (SQLite included)."""

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import DateTime, Integer, Numeric
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")


class Money(TypeDecorator):
    """An exact amount with 2 decimal places, read back as a `Decimal`.

    NUMERIC(10, 2) where the database has exact decimals. SQLite has none (a NUMERIC column
    stores 19.99 as a float), so there the column holds whole cents in an INTEGER: exact, and
    still compared and sorted in SQL.
    """

    impl = Numeric(10, 2)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Integer())
        return dialect.type_descriptor(Numeric(10, 2))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        amount = Decimal(value).quantize(CENT)
        return int(amount * 100) if dialect.name == "sqlite" else amount

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            return (Decimal(value) / 100).quantize(CENT)
        return Decimal(value).quantize(CENT)


class UTCDateTime(TypeDecorator):
    """A moment in UTC, always read back timezone-aware (SQLite's DATETIME drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None or value.tzinfo is None:
            return value
        return value.astimezone(UTC).replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
