"""The generic CRUD service: get, list, create, update and delete rows of one kind."""

from __future__ import annotations

from dao.base import BaseDAO
from helpers.errors import NotFound
from helpers.pagination import PageRequest
from service.base import Service


class CrudService(Service):
    """Read and write one kind of row (`label` names it in messages)."""

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
            self._validate(data)
            return self.dao.add(self.dao.model(**data))

    def update(self, obj_id: int, changes: dict):
        """Change an entry; raise NotFound or Invalid."""
        with self._transaction():
            obj = self.get(obj_id, for_update=True)
            self._validate(changes, obj)
            return self.dao.update(obj, changes)

    def add_many(self, rows: list[dict]) -> None:
        """Insert generated entries in bulk (the benchmarks' synthetic data)."""
        with self._transaction():
            self.dao.add_many(rows)

    def delete(self, obj_id: int) -> None:
        """Remove an entry; raise NotFound (IntegrityError while movies still use it)."""
        with self._transaction():
            self.dao.delete(self.get(obj_id, for_update=True))

    def _validate(self, data: dict, current=None) -> None:
        """Refuse (Invalid) a new entry's `data`, or `data` changing the `current` entry, for
        what the schema alone cannot see (references, rules across fields). Nothing, here."""
