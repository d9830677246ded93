"""Generic queries every aggregate shares. DAOs build queries and flush; they never commit."""

from typing import Any, ClassVar

from sqlalchemy import ColumnElement, String, func, insert, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.functions import FunctionElement

# SQLite and PostgreSQL keys are signed 64-bit; a larger id from a URL simply matches nothing.
MAX_ID = 2**63 - 1


class BaseDAO:
    model: ClassVar[type]

    def __init__(self, session: Session):
        self.session = session

    def get(self, obj_id: int, for_update: bool = False) -> Any | None:
        """The row, or None; `for_update` locks it until the transaction ends (PostgreSQL):
        a concurrent delete then waits, or has already taken it and None comes back."""
        if not 0 < obj_id <= MAX_ID:
            return None
        return self.session.get(self.model, obj_id, with_for_update=for_update or None)

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

    def page(
        self, offset: int, limit: int | None, newest_first: bool = False, where: tuple = ()
    ) -> list:
        """Rows `offset` to `offset + limit` (every row if `limit` is None) matching `where`."""
        order = self.newest_order() if newest_first else self.storage_order()
        query = select(self.model).where(*where).order_by(*order).offset(offset).limit(limit)
        return list(self.session.scalars(query))

    def add(self, obj: Any) -> Any:
        self.session.add(obj)
        self.session.flush()
        return obj

    def try_save(self, obj: Any, changes: dict | None = None) -> bool:
        """Apply `changes` to `obj` and save it in a SAVEPOINT; False if a constraint refuses it.

        Only the savepoint is rolled back, so the rest of the transaction stands and the caller
        may retry (with another generated code, say). The changes are made inside the savepoint
        because opening one flushes whatever is pending.
        """
        try:
            with self.session.begin_nested():
                for name, value in (changes or {}).items():
                    setattr(obj, name, value)
                self.session.add(obj)
                self.session.flush()
        except IntegrityError:
            return False
        return True

    def update(self, obj: Any, changes: dict) -> Any:
        """Apply `changes` and flush; a detached `obj` (the request's user) joins the session.

        A relationship whose foreign key changed (a movie's `genre_id`) is expired, so it is
        read again from the new key instead of answering the object it held before.
        """
        self.session.add(obj)
        for name, value in changes.items():
            setattr(obj, name, value)
        self.session.flush()
        stale = [
            relationship.key
            for relationship in inspect(obj).mapper.relationships
            if any(column.key in changes for column in relationship.local_columns)
        ]
        if stale:
            self.session.expire(obj, stale)
        return obj

    def add_many(self, rows: list[dict]) -> None:
        """Insert plain rows in bulk (the synthetic data generator)."""
        self.session.execute(insert(self.model), rows)

    def delete(self, obj: Any) -> None:
        self.session.delete(obj)
        self.session.flush()


class lower_case(FunctionElement):
    """`lower()` that lowers every alphabet: SQLite's own folds ASCII letters only."""

    type = String()
    name = "lower_case"
    inherit_cache = True


@compiles(lower_case)
def _lower_case(element, compiler, **kw) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


@compiles(lower_case, "sqlite")
def _lower_case_sqlite(element, compiler, **kw) -> str:
    # Registered on every SQLite connection in dao/model/base.py.
    return f"unicode_lower({compiler.process(element.clauses, **kw)})"


def contains_text(column, text: str) -> ColumnElement[bool]:
    """`column` holds `text`, ignoring case; `%` and `_` in `text` are taken literally."""
    return lower_case(column).contains(text.lower(), autoescape=True)


def ping(session: Session) -> None:
    """Run a trivial query; raises if the database cannot be reached."""
    session.execute(text("SELECT 1"))


def holds_rows(session: Session, tables: list) -> bool:
    """Whether any of `tables` that exist holds a row. Read on a connection of its own, closed
    at once: a session's open read would hold PostgreSQL's table locks, and a drop that
    follows would wait for it for ever."""
    with session.get_bind().connect() as connection:
        present = set(inspect(connection).get_table_names())
        return any(
            connection.execute(select(1).select_from(table).limit(1)).first() is not None
            for table in tables
            if table.name in present
        )


def sync_id_sequences(session: Session, tables: list) -> None:
    """Move PostgreSQL's id sequences past rows inserted with explicit ids (fixtures).

    SQLite derives the next id from the table itself, so there is nothing to do there.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        if "id" not in table.c or table.c.id.autoincrement is False:
            continue
        sequence = func.pg_get_serial_sequence(table.name, "id")
        highest = select(func.max(table.c.id)).scalar_subquery()
        session.execute(
            select(func.setval(sequence, func.coalesce(highest, 1), highest.is_not(None)))
        )
