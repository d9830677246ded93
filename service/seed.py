"""Rebuilding the database from `fixtures/`, reproducibly (same input, same rows and ids)."""

import json
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from dao.model import db
from dao.model.cassette import Cassette
from dao.model.movie import Director, Genre, Movie

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


def load_cassettes(session: Session, path: Path = FIXTURES_DIR / "cassettes.json") -> None:
    """A dozen VHS-era films with their real release dates (the cassette shop's demo stock)."""
    rows = _rows(json.loads(path.read_text(encoding="utf-8"))["cassettes"])
    session.add_all(
        Cassette(**{**row, "released": date.fromisoformat(row["released"])}) for row in rows
    )


def rebuild(seed: bool) -> None:
    """Drop and recreate every table; with `seed`, load the demo data of every family."""
    db.drop_all()
    db.create_all()
    if seed:
        load_movies(db.session)
        load_cassettes(db.session)
        db.session.commit()
