"""Rebuilding the database from `fixtures/`, reproducibly (same input, same rows and ids)."""

import json
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from dao.model import db
from dao.model.movie import Director, Genre, Movie
from dao.model.shop import Product

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


def load_products(session: Session, path: Path = FIXTURES_DIR / "products.json") -> None:
    """The shop's demo products; prices are decimal strings in the fixture, never floats."""
    data = json.loads(path.read_text(encoding="utf-8"))
    session.add_all(
        Product(**{**row, "price": Decimal(row["price"])}) for row in _rows(data["products"])
    )


def rebuild(seed: bool) -> None:
    """Drop and recreate every table; with `seed`, load the demo data of every family."""
    db.drop_all()
    db.create_all()
    if seed:
        load_movies(db.session)
        load_products(db.session)
        db.session.commit()
