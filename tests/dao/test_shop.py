"""Queries and column types of the shop (seed 003) worth testing on their own."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import text

from dao.model import db
from dao.model.shop import Order, Product
from dao.shop import ProductDAO
from tests.conftest import sign_up, sqlite_path


def test_prices_are_stored_as_whole_cents_on_sqlite(app):
    sqlite_path(app)
    with app.app_context():
        db.session.add(Product(name="Mug", price=Decimal("19.99"), quantity_in_stock=1))
        db.session.add(Product(name="Max", price=Decimal("99999999.99"), quantity_in_stock=1))
        db.session.commit()
        raw = db.session.execute(text("SELECT price, typeof(price) FROM products")).all()
        assert raw == [(1999, "integer"), (9999999999, "integer")]
        db.session.expire_all()
        assert [p.price for p in db.session.query(Product)] == [
            Decimal("19.99"),
            Decimal("99999999.99"),
        ]


def test_reserve_stock_takes_only_what_is_there(app):
    with app.app_context():
        db.session.add(Product(name="Mug", price=Decimal("1.00"), quantity_in_stock=3))
        db.session.commit()
        products = ProductDAO(db.session)
        assert products.reserve_stock(1, 4) is False
        assert products.reserve_stock(1, 3) is True
        assert products.reserve_stock(1, 1) is False
        assert products.reserve_stock(99, 1) is False
        assert products.stock_of(1) == 0


def test_created_is_read_back_in_utc(app):
    user_id = sign_up(app, "ann")
    with app.app_context():
        db.session.add(Order(user_id=user_id))
        db.session.commit()
        raw = db.session.execute(text("SELECT created FROM orders")).scalar()
        created = db.session.get(Order, 1).created
    assert created.utcoffset() == timedelta(0)
    stored = raw if isinstance(raw, datetime) else datetime.fromisoformat(raw)  # SQLite: text
    assert created == stored.replace(tzinfo=stored.tzinfo or UTC)
