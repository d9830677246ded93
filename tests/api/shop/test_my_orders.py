"""`GET /api/my-orders` (seed 003): the caller's orders only, newest first, in a fixed number
of SQL queries however many orders there are."""

import pytest
from sqlalchemy import event

from dao.model import db
from tests.shop_data import add_product


@pytest.fixture(autouse=True)
def products(app):
    add_product(app, "Gooseneck Kettle", "79.99", 100)
    add_product(app, "Stoneware Mug", "12.50", 100)


def place(client, headers, *parts) -> dict:
    body = {"parts": [{"product": p, "quantity_in_order": n} for p, n in parts]}
    response = client.post("/api/order", json=body, headers=headers)
    assert response.status_code == 201
    return response.json


@pytest.mark.parametrize("path", ["/api/my-orders", "/api/my-orders/"])
def test_no_orders_is_an_empty_list(client, ann, path):
    response = client.get(path, headers=ann)
    assert response.status_code == 200
    assert response.json == []


def test_my_orders_newest_first_with_their_parts(client, ann):
    first = place(client, ann, (1, 1))
    second = place(client, ann, (1, 2), (2, 3))
    response = client.get("/api/my-orders", headers=ann)
    assert response.status_code == 200
    assert response.json == [second, first]
    assert [part["product"] for part in response.json[0]["parts"]] == [1, 2]


def test_orders_of_other_users_are_never_listed(app, client, ann, signed_in):
    mine = place(client, ann, (1, 1))
    bob = signed_in("shop", "bob")
    place(client, bob, (2, 1))
    assert client.get("/api/my-orders", headers=ann).json == [mine]
    assert [o["user"] for o in client.get("/api/my-orders", headers=bob).json] == [2]


def test_my_orders_answer_at_most_unpaged_limit_or_the_page_asked_for(app, client, ann):
    app.config["UNPAGED_LIMIT"] = 2
    first, second, third = (place(client, ann, (1, 1)) for _ in range(3))
    assert client.get("/api/my-orders", headers=ann).json == [third, second]
    assert client.get("/api/my-orders?page=2&limit=2", headers=ann).json == [first]
    assert client.get("/api/my-orders?page=0", headers=ann).status_code == 400


def test_guest_gets_401(client):
    response = client.get("/api/my-orders", headers={"Authorization": "Bearer undefined"})
    assert response.status_code == 401
    assert response.json == {"message": "The token is invalid or expired."}


def test_my_orders_take_only_get(client, ann):
    assert client.post("/api/my-orders", json={}, headers=ann).status_code == 405
    assert client.get("/api/order", headers=ann).status_code == 405


def count_queries(app, client, headers) -> int:
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get("/api/my-orders", headers=headers).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def test_parts_are_loaded_without_a_query_per_order(app, client, ann):
    place(client, ann, (1, 1), (2, 1))
    with_one = count_queries(app, client, ann)
    for _ in range(6):
        place(client, ann, (1, 1), (2, 2))
    assert count_queries(app, client, ann) == with_one
    assert len(client.get("/api/my-orders", headers=ann).json) == 7
