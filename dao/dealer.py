"""Queries of the car dealer's autos."""

from sqlalchemy import select

from dao.base import BaseDAO
from dao.model.dealer import Auto


class AutoDAO(BaseDAO):
    model = Auto

    def get_by_mark(self, mark: str) -> Auto | None:
        return self.session.scalar(select(Auto).where(Auto.mark == mark))
