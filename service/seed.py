"""Rebuilding the database from `fixtures/`, reproducibly (same input, same rows and ids).

Each family loads its own demo data (`load_*` in its service package, listed by its
declaration in views/); this module reads the files and runs the loaders it is given."""

import json
import random
from decimal import Decimal
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import MetaData, Table
from sqlalchemy.orm import Session

from dao.base import holds_rows, sync_id_sequences
from dao.model import db
from service.base import Service

FIXTURES_DIR = Path(__file__).resolve().parent.parent / "fixtures"


def fixture(name: str) -> dict:
    """The demo data file `fixtures/<name>.json`."""
    return json.loads((FIXTURES_DIR / f"{name}.json").read_text(encoding="utf-8"))


def rows(items: list[dict]) -> list[dict]:
    """Fixture rows carry their primary key as `pk`, Django style."""
    return [{"id": item["pk"], **{k: v for k, v in item.items() if k != "pk"}} for item in items]


class SeedService(Service):
    def holds_data(self) -> bool:
        """Whether any table of ours holds a row (what `rebuild` would drop)."""
        return holds_rows(self.session, db.metadata.sorted_tables)

    def rebuild(self, loaders=()) -> None:
        """Drop every table and recreate them through the migrations; then run the demo
        data's `loaders` (the families' own), in one transaction."""
        db.drop_all()
        Table("alembic_version", MetaData()).drop(db.engine, checkfirst=True)
        upgrade()
        if loaders:
            with self._transaction():
                load_demo(self.session, *loaders)


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
