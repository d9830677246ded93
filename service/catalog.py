"""The movie catalog: reading genres, directors and movies, and admins editing them."""

from __future__ import annotations

from dao.base import BaseDAO
from dao.catalog import DirectorDAO, GenreDAO, MovieDAO
from helpers.errors import Invalid, NotFound
from helpers.pagination import PageRequest
from service.base import Service


class CatalogService(Service):
    """Read and write one kind of catalog entry (`label` names it in messages)."""

    def __init__(self, dao: BaseDAO, label: str):
        super().__init__(dao.session)
        self.dao = dao
        self.label = label

    def list(self, page: PageRequest) -> list:
        return self.dao.page(page.offset, page.limit, page.newest_first)

    def get(self, obj_id: int, for_update: bool = False):
        """Return the entry (locked for the transaction if `for_update`); raise NotFound."""
        obj = self.dao.get(obj_id, for_update)
        if obj is None:
            raise NotFound(f"{self.label} {obj_id} not found.")
        return obj

    def create(self, data: dict):
        """Add an entry; raise Invalid when it refers to something unknown."""
        with self._transaction():
            self._check_references(data)
            return self.dao.add(self.dao.model(**data))

    def update(self, obj_id: int, changes: dict):
        """Change an entry; raise NotFound or Invalid."""
        with self._transaction():
            obj = self.get(obj_id, for_update=True)
            self._check_references(changes)
            return self.dao.update(obj, changes)

    def add_many(self, rows: list[dict]) -> None:
        """Insert generated entries in bulk (the benchmarks' synthetic data)."""
        with self._transaction():
            self.dao.add_many(rows)

    def delete(self, obj_id: int) -> None:
        """Remove an entry; raise NotFound (IntegrityError while movies still use it)."""
        with self._transaction():
            self.dao.delete(self.get(obj_id, for_update=True))

    def _check_references(self, data: dict) -> None:
        """Entries without foreign keys have nothing to check."""


class MovieService(CatalogService):
    def __init__(self, movies: MovieDAO, genres: GenreDAO, directors: DirectorDAO):
        super().__init__(movies, "Movie")
        self.movies = movies
        self.references = {"genre_id": (genres, "genre"), "director_id": (directors, "director")}

    def list(self, page: PageRequest) -> list:
        """A page of movies; the first deep page since a change records the page anchors."""
        if self.movies.lacks_anchors(page.offset, page.newest_first):
            with self._transaction():
                self.movies.build_anchors(page.newest_first)
        return super().list(page)

    def _check_references(self, data: dict) -> None:
        errors = {
            field: [f"There is no {label} with id {data[field]}."]
            for field, (dao, label) in self.references.items()
            if field in data and dao.get(data[field]) is None
        }
        if errors:
            raise Invalid("The movie refers to something that does not exist.", errors)
