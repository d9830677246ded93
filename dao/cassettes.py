"""Queries of the VHS cassette shop."""

from dao.base import BaseDAO, contains_text
from dao.model.cassettes import Cassette


class CassetteDAO(BaseDAO):
    model = Cassette

    def search(
        self,
        offset: int,
        limit: int | None,
        newest_first: bool = False,
        title: str | None = None,
        director: str | None = None,
    ) -> list[Cassette]:
        """A page of the cassettes whose title and director contain the given texts (any case)."""
        where = [
            contains_text(column, text)
            for column, text in ((Cassette.title, title), (Cassette.director, director))
            if text
        ]
        return self.page(offset, limit, newest_first, where=tuple(where))
