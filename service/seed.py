"""Rebuilding the database from `fixtures/`, reproducibly (same input, same rows and ids)."""

import json
import random
from datetime import date
from decimal import Decimal
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import MetaData, Table
from sqlalchemy.orm import Session

from dao.base import sync_id_sequences
from dao.model import db
from dao.model.accounts import User
from dao.model.cassettes import Cassette
from dao.model.dealer import Auto
from dao.model.movies import Director, Genre, Movie
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


def load_autos(session: Session, path: Path = FIXTURES_DIR / "autos.json") -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    session.add_all(Auto(**row) for row in _rows(data["autos"]))


def load_cassettes(session: Session, path: Path = FIXTURES_DIR / "cassettes.json") -> None:
    """A dozen VHS-era films with their real release dates (the cassette shop's demo stock)."""
    rows = _rows(json.loads(path.read_text(encoding="utf-8"))["cassettes"])
    session.add_all(
        Cassette(**{**row, "released": date.fromisoformat(row["released"])}) for row in rows
    )


def load_phone_users(session: Session, path: Path = FIXTURES_DIR / "phone_users.json") -> None:
    """Phone-only users (no password) with invite codes, one of whom activated another's."""
    data = json.loads(path.read_text(encoding="utf-8"))
    session.add_all(User(**row) for row in data["users"])


def load_products(session: Session, path: Path = FIXTURES_DIR / "products.json") -> None:
    """The shop's demo products; prices are decimal strings in the fixture, never floats."""
    data = json.loads(path.read_text(encoding="utf-8"))
    session.add_all(
        Product(**{**row, "price": Decimal(row["price"])}) for row in _rows(data["products"])
    )


def rebuild(loaders=()) -> None:
    """Drop every table and recreate them through the migrations; then run the demo data's
    `loaders` (the families' own)."""
    db.drop_all()
    Table("alembic_version", MetaData()).drop(db.engine, checkfirst=True)
    upgrade()
    if loaders:
        load_demo(db.session, *loaders)
        db.session.commit()


def load_demo(session: Session, *loaders) -> None:
    """Run fixture loaders; then PostgreSQL's id sequences must follow their explicit ids."""
    for loader in loaders:
        loader(session)
    session.flush()
    sync_id_sequences(session, db.metadata.sorted_tables)


def synthetic_products(count: int, start: int) -> list[dict]:
    """`count` made-up products with stock, the same ones for the same arguments."""
    rng = random.Random(start)
    return [
        {
            "name": f"Synthetic product {number}",
            "description": "Generated for benchmarks.",
            "price": Decimal(rng.randint(100, 100_000)) / 100,
            "quantity_in_stock": rng.randint(0, 500),
        }
        for number in range(start, start + count)
    ]


def synthetic_movies(count: int, start: int, genre_ids: list[int], director_ids: list[int]):
    """`count` made-up movies, the same ones for the same arguments."""
    rng = random.Random(start)
    return [
        {
            "title": f"Synthetic movie {number}",
            "description": "Generated for benchmarks.",
            "trailer": "",
            "year": rng.randint(1920, 2026),
            "rating": round(rng.uniform(1, 10), 1),
            "genre_id": rng.choice(genre_ids),
            "director_id": rng.choice(director_ids),
        }
        for number in range(start, start + count)
    ]
