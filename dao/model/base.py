"""The one SQLAlchemy extension object, and the SQLite connection set-up."""

from datetime import UTC, datetime

from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session


class Base(DeclarativeBase):
    pass


# Objects stay loaded after commit: a service commits, then the view dumps what it returned.
db = SQLAlchemy(model_class=Base, session_options={"expire_on_commit": False})


# The `__table_args__` of every table with an `id`: SQLite takes a deleted row's id again for
# the next row unless the table is AUTOINCREMENT, and a new user would then answer to a
# deleted user's tokens. (PostgreSQL's sequences never give an id twice.)
NEVER_REUSE_IDS = {"sqlite_autoincrement": True}


def utcnow() -> datetime:
    return datetime.now(UTC)


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    """WAL lets several workers share data.db; the busy timeout makes writers wait, not fail."""
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    # For case-insensitive search in any alphabet (dao.base.lower_case); SQL NULL stays NULL.
    dbapi_connection.create_function("unicode_lower", 1, _unicode_lower, deterministic=True)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def begin_writing(session: Session) -> None:
    """Open the session's transaction as a writer: on SQLite, `BEGIN IMMEDIATE`.

    pysqlite begins a transaction only at the first INSERT/UPDATE/DELETE, so the reads a use
    case makes before it (is this key used? is this refresh token spent?) run outside the
    transaction and race other processes' writes; and a deferred transaction that has read
    and then writes gets "database is locked" at once instead of waiting. Taking the write
    lock up front makes each use case one serialised unit, and concurrent writers (other
    worker processes included) queue on the busy timeout. Other databases lock rows
    themselves: nothing to do there. Inside an open write transaction this does nothing.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    if not connection.connection.driver_connection.in_transaction:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
