"""Queries of the car dealer's autos."""

from sqlalchemy import select

from dao.base import BaseDAO
from dao.model.dealer import Auto


class AutoDAO(BaseDAO):
    model = Auto

    def get_by_mark(self, mark: str, for_update: bool = False) -> Auto | None:
        query = select(Auto).where(Auto.mark == mark)
        return self.session.scalar(query.with_for_update() if for_update else query)
