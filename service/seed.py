"""Rebuilding the database from `fixtures/`, reproducibly (same input, same rows and ids)."""

import json
from pathlib import Path

from sqlalchemy.orm import Session

from dao.model import db
from dao.model.movie import Director, Genre, Movie
from dao.model.user import User

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"


def _rows(items: list[dict]) -> list[dict]:
    """Fixture rows carry their primary key as `pk`, Django style."""
    return [{"id": item["pk"], **{k: v for k, v in item.items() if k != "pk"}} for item in items]


def load_movies(session: Session, path: Path = FIXTURES_DIR / "movies.json") -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    session.add_all(Genre(**row) for row in _rows(data["genres"]))
    session.add_all(Director(**row) for row in _rows(data["directors"]))
    session.flush()
    session.add_all(Movie(**row) for row in _rows(data["movies"]))


def load_phone_users(session: Session, path: Path = FIXTURES_DIR / "phone_users.json") -> None:
    """Phone-only users (no password) with invite codes, one of whom activated another's."""
    data = json.loads(path.read_text(encoding="utf-8"))
    session.add_all(User(**row) for row in data["users"])


def rebuild(seed: bool) -> None:
    """Drop and recreate every table; with `seed`, load the demo data of every family."""
    db.drop_all()
    db.create_all()
    if seed:
        load_movies(db.session)
        load_phone_users(db.session)
        db.session.commit()
