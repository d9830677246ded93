"""Order placement is one transaction (seed 003): a failure anywhere leaves stock, orders and
keys as they were; and a service transaction holds SQLite's write lock from its start."""

import sqlite3

import pytest

from dao.model import db
from dao.model.shop import IdempotencyKey, Order, OrderPart, Product
from helpers import container
from helpers.errors import OutOfStock
from tests.conftest import sign_up, sqlite_path
from tests.shop_data import add_product

PARTS = [{"product_id": 1, "quantity_in_order": 2}, {"product_id": 2, "quantity_in_order": 1}]


@pytest.fixture
def shop(app):
    add_product(app, "Gooseneck Kettle", "79.99", 10)
    add_product(app, "Stoneware Mug", "12.50", 3)
    user_id = sign_up(app, "ann")
    with app.app_context():
        yield container.session.get(container.user_dao.model, user_id)


def untouched(session) -> bool:
    session.expire_all()
    return (
        session.query(Order).count() == 0
        and session.query(OrderPart).count() == 0
        and session.query(IdempotencyKey).count() == 0
        and [p.quantity_in_stock for p in session.query(Product).order_by(Product.id)] == [10, 3]
    )


def fail(*args, **kwargs):
    raise RuntimeError("disk full")


def test_failure_writing_the_order_gives_the_stock_back(shop, monkeypatch):
    monkeypatch.setattr(container.order_service.orders, "add", fail)
    with pytest.raises(RuntimeError):
        container.order_service.place(shop, PARTS)
    assert untouched(container.session)


def test_failure_writing_the_key_undoes_the_order(shop, monkeypatch):
    monkeypatch.setattr(container.order_service.keys, "add", fail)
    with pytest.raises(RuntimeError):
        container.order_service.place(shop, PARTS, "key-1")
    assert untouched(container.session)


def test_short_second_part_gives_back_the_first(shop):
    parts = [{"product_id": 1, "quantity_in_order": 2}, {"product_id": 2, "quantity_in_order": 4}]
    with pytest.raises(OutOfStock) as raised:
        container.order_service.place(shop, parts)
    assert raised.value.message == "Not enough stock for Product 'Stoneware Mug': 3 left."
    assert untouched(container.session)


def test_placed_order_and_replay(shop):
    order, replayed = container.order_service.place(shop, PARTS, "key-1")
    again, replayed_again = container.order_service.place(shop, PARTS, "key-1")
    assert (replayed, replayed_again) == (False, True)
    assert again.id == order.id
    assert str(order.total) == "172.48"


def test_service_transaction_holds_the_write_lock_from_its_start(app, shop):
    other = sqlite3.connect(sqlite_path(app), timeout=0)
    try:
        with container.order_service._transaction():
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")
        other.rollback()
    finally:
        other.close()


def test_write_lock_is_not_taken_twice_in_one_transaction(shop):
    with container.order_service._transaction():
        db.session.execute(db.text("SELECT 1"))
        with container.product_service._transaction():
            container.product_dao.reserve_stock(1, 1)
    assert container.product_dao.stock_of(1) == 9
