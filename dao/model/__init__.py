"""SQLAlchemy models; importing this package registers every table on `db.metadata`."""

from dao.model import cassette, dealer, movie, referral, shop, user  # noqa: F401
from dao.model.base import db

__all__ = ["db"]
