"""No N+1: the queries a list request makes do not grow with the page size or the nesting."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from dao.model import db
from dao.model.dealer import Auto
from helpers.container import auth_service
from service.cassettes import load_cassettes
from service.dealer import load_autos
from service.referral.phone_login import load_phone_users
from service.seed import load_demo
from service.shop.products import load_products
from tests.conftest import PASSWORD, bearer, login
from tests.referral_support import phone_login, token
from tests.shop_data import shop_login


@pytest.fixture
def full_demo(app):
    with app.app_context():
        load_demo(db.session, load_autos, load_cassettes, load_phone_users, load_products)
        auth_service.register(PASSWORD, email="ann@example.com", username="ann")
        db.session.commit()


@pytest.fixture
def queries(app):
    """`with queries() as count:` ... `count()` is the number of statements run meanwhile."""

    @contextmanager
    def counting():
        statements = []

        def record(conn, cursor, statement, *args):
            statements.append(statement)

        with app.app_context():
            engine = db.engine
        event.listen(engine, "before_cursor_execute", record)
        try:
            yield lambda: len(statements)
        finally:
            event.remove(engine, "before_cursor_execute", record)

    return counting


def count_for(client, queries, path: str, headers: dict | None = None) -> int:
    with queries() as count:
        response = client.get(path, headers=headers or {})
    assert response.status_code == 200, response.json
    return count()


@pytest.mark.parametrize(
    "path",
    [
        "/movies/?page=1&limit={n}",
        "/movies/?status=new&page=1&limit={n}",
        "/genres/?page=1&limit={n}",
        "/directors/?page=1&limit={n}",
        "/api/cassetes/?page=1&limit={n}",
        "/api/products?page=1&limit={n}",
    ],
)
def test_public_lists_cost_the_same_for_one_row_or_many(client, full_demo, queries, path):
    one = count_for(client, queries, path.format(n=1))
    many = count_for(client, queries, path.format(n=12))
    assert many == one


def test_favorites_cost_the_same_for_one_or_many(client, full_demo, queries):
    headers = bearer(login(client, "ann@example.com")["access_token"])
    for movie_id in range(1, 11):
        client.post(f"/favorites/movies/{movie_id}", headers=headers)
    path = "/favorites/movies/?page=1&limit={n}"
    assert count_for(client, queries, path.format(n=10), headers) == count_for(
        client, queries, path.format(n=1), headers
    )


def test_profiles_with_invitees_cost_the_same_for_one_or_many(client, full_demo, queries):
    headers = token(phone_login(client))
    path = "/api/v1/users/?page=1&limit={n}"
    assert count_for(client, queries, path.format(n=3), headers) == count_for(
        client, queries, path.format(n=1), headers
    )


def test_stock_costs_the_same_however_many_autos(app, client, full_demo, queries):
    headers = bearer(shop_login(client, "ann")["access"])
    few = count_for(client, queries, "/stock", headers)
    with app.app_context():
        db.session.add_all(
            Auto(mark=f"Mark {n}", max_speed=200, distance=0, handler="H", stock="S")
            for n in range(30)
        )
        db.session.commit()
    assert count_for(client, queries, "/stock", headers) == few


def test_orders_cost_the_same_however_many_orders_and_parts(client, full_demo, queries):
    headers = bearer(shop_login(client, "ann")["access"])
    client.post(
        "/api/order", json={"parts": [{"product": 1, "quantity_in_order": 1}]}, headers=headers
    )
    one = count_for(client, queries, "/api/my-orders", headers)
    parts = [{"product": product, "quantity_in_order": 1} for product in (2, 3, 4, 5)]
    for _ in range(5):
        assert client.post("/api/order", json={"parts": parts}, headers=headers).status_code == 201
    assert count_for(client, queries, "/api/my-orders", headers) == one
