"""SQLAlchemy models; importing this package registers every table on `db.metadata`."""

from dao.model import accounts, cassettes, dealer, movies, referral, shop  # noqa: F401
from dao.model.base import db

__all__ = ["db"]
