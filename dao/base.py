"""Generic queries every aggregate shares. DAOs build queries and flush; they never commit."""

from typing import Any, ClassVar

from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

# SQLite and PostgreSQL keys are signed 64-bit; a larger id from a URL simply matches nothing.
MAX_ID = 2**63 - 1


class BaseDAO:
    model: ClassVar[type]

    def __init__(self, session: Session):
        self.session = session

    def get(self, obj_id: int) -> Any | None:
        if not 0 < obj_id <= MAX_ID:
            return None
        return self.session.get(self.model, obj_id)

    def get_many(self, ids: list[int]) -> dict[int, Any]:
        """The rows among `ids` that exist, by id, in one query."""
        wanted = {obj_id for obj_id in ids if 0 < obj_id <= MAX_ID}
        if not wanted:
            return {}
        return {
            obj.id: obj
            for obj in self.session.scalars(select(self.model).where(self.model.id.in_(wanted)))
        }

    def storage_order(self) -> tuple:
        return (self.model.id,)

    def newest_order(self) -> tuple:
        return (self.model.id.desc(),)

    def page(self, offset: int, limit: int | None, newest_first: bool = False) -> list:
        order = self.newest_order() if newest_first else self.storage_order()
        query = select(self.model).order_by(*order).offset(offset).limit(limit)
        return list(self.session.scalars(query))

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(self.model))

    def add(self, obj: Any) -> Any:
        self.session.add(obj)
        self.session.flush()
        return obj

    def update(self, obj: Any, changes: dict) -> Any:
        for name, value in changes.items():
            setattr(obj, name, value)
        self.session.flush()
        return obj

    def delete(self, obj: Any) -> None:
        self.session.delete(obj)
        self.session.flush()


def database_is_up(session: Session) -> bool:
    """Whether a trivial query reaches the database."""
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        session.rollback()
        return False
    return True
