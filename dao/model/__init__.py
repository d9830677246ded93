"""SQLAlchemy models; importing this package registers every table on `db.metadata`."""

from dao.model import movie, shop, user  # noqa: F401
from dao.model.base import db

__all__ = ["db"]
