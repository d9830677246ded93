"""Orders from many threads against several gunicorn workers on one SQLite file (seed 003):
stock never oversells, an order is priced with one state of the offers, and no request fails
with a 5xx or "database is locked"."""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import pytest

from dao.model import db
from dao.model.shop import IdempotencyKey, OrderPart, Product
from tests.conftest import PASSWORD, build_app, live_database, sign_up
from tests.live import live_server
from tests.shop_data import add_product

STOCK = 5
ORDERS = 30
USERS = 6


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def shop(request, tmp_path_factory):
    """A live server on a database with four products (stock 5, 100, 1000 and 10), six users
    and an admin: a SQLite file, or the test process's PostgreSQL schema when TEST_POSTGRES_URL is
    set."""
    path = tmp_path_factory.mktemp("live")
    database_url = live_database(request)
    app = build_app(path, database_url)
    scarce = add_product(app, "Limited Edition Print", "150.00", STOCK)
    plenty = add_product(app, "Postcard", "2.50", 100)
    add_product(app, "Sticker", "1.00", 1000)
    add_product(app, "Poster", "20.00", 10)
    usernames = [f"buyer{n}" for n in range(USERS)]
    for username in usernames:
        sign_up(app, username)
    sign_up(app, "boss", "admin")
    with app.app_context():
        db.engine.dispose()
    with live_server(
        path / "test.db", workers=4, database_url=database_url, RATELIMIT_ENABLED="false"
    ) as server:
        headers = [server_login(server, name) for name in usernames]
        yield app, server, headers, scarce, plenty


def server_login(server, username: str) -> dict:
    status, body, _ = server.request(
        "POST", "/api/auth", {"username": username, "password": PASSWORD}
    )
    assert status == 200, body
    return {"Authorization": f"Bearer {body['access']}"}


@contextmanager
def offer_while(server, terms: dict):
    """An offer made by the admin for the block's duration; its answer."""
    admin = server_login(server, "boss")
    status, offer, _ = server.request("POST", "/api/offers", terms, admin)
    assert status == 201, offer
    try:
        yield offer
    finally:
        assert server.request("DELETE", f"/api/offers/{offer['id']}", None, admin)[0] == 204


def fire(server, requests: list[tuple[dict, dict]]) -> list[tuple[int, object, dict]]:
    """Send every (body, headers) order at once from as many threads."""
    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        futures = [
            pool.submit(server.request, "POST", "/api/order", body, headers)
            for body, headers in requests
        ]
        return [future.result() for future in futures]


def count(app, model, **where) -> int:
    with app.app_context():
        return db.session.query(model).filter_by(**where).count()


def test_more_orders_than_stock_sell_exactly_the_stock(shop):
    app, server, headers, scarce, _ = shop
    body = {"parts": [{"product": scarce, "quantity_in_order": 1}]}
    requests = [
        (body, {**headers[n % USERS], **({"Idempotency-Key": f"k-{n}"} if n % 2 else {})})
        for n in range(ORDERS)
    ]
    results = fire(server, requests)

    assert Counter(status for status, _, _ in results) == {201: STOCK, 400: ORDERS - STOCK}
    refusals = {body["message"] for status, body, _ in results if status == 400}
    assert refusals == {"Not enough stock for Product 'Limited Edition Print': 0 left."}
    with app.app_context():
        assert db.session.get(Product, scarce).quantity_in_stock == 0
    assert count(app, OrderPart, product_id=scarce) == STOCK
    log = server.log()
    assert "database is locked" not in log
    assert "Traceback" not in log


def test_one_key_sent_from_many_threads_places_one_order(shop):
    app, server, headers, _, plenty = shop
    body = {"parts": [{"product": plenty, "quantity_in_order": 3}]}
    key = {**headers[0], "Idempotency-Key": "checkout-7f3a"}
    results = fire(server, [(body, key)] * 12)

    assert {status for status, _, _ in results} == {201}
    assert len({str(body) for _, body, _ in results}) == 1
    assert sum(h.get("Idempotent-Replayed") == "true" for _, _, h in results) == 11
    with app.app_context():
        assert db.session.get(Product, plenty).quantity_in_stock == 97
    assert count(app, IdempotencyKey, key="checkout-7f3a") == 1
    assert count(app, OrderPart, product_id=plenty) == 1
    assert "Traceback" not in server.log()


def test_orders_placed_while_an_admin_changes_an_offer_are_priced_with_one_state_of_it(shop):
    app, server, headers, _, plenty = shop
    sticker = plenty + 1
    admin = server_login(server, "boss")
    done = threading.Event()

    def flip_the_offer() -> list[int]:
        statuses, percent = [], 10
        while not done.is_set():
            percent = 60 - percent  # 10, 50, 10, ...
            changes = {"percent": percent}
            statuses.append(
                server.request("PATCH", f"/api/offers/{offer['id']}", changes, admin)[0]
            )
        return statuses

    body = {
        "parts": [
            {"product": plenty, "quantity_in_order": 1},
            {"product": sticker, "quantity_in_order": 1},
        ]
    }
    with (
        offer_while(server, {"kind": "percent_off", "percent": 10}) as offer,
        ThreadPoolExecutor(max_workers=1) as admin_thread,
    ):
        flips = admin_thread.submit(flip_the_offer)
        try:
            results = fire(server, [(body, headers[n % USERS]) for n in range(ORDERS)])
        finally:
            done.set()
    assert set(flips.result()) == {200}

    assert {status for status, _, _ in results} == {201}
    # 10 % or 50 % of 2.50 and of 1.00, on both parts alike: never one state on each part.
    whole = {(("0.25", "0.10"), "3.15"), (("1.25", "0.50"), "1.75")}
    priced = {
        (tuple(part["discount"] for part in order["parts"]), order["total"])
        for _, order, _ in results
    }
    assert priced <= whole
    answered = {order["id"]: order for _, order, _ in results}
    for buyer in headers:
        for order in server.request("GET", "/api/my-orders", None, buyer)[1]:
            if order["id"] in answered:
                assert order == answered[order["id"]]
    assert count(app, OrderPart, product_id=sticker) == ORDERS
    assert "Traceback" not in server.log()


def test_free_units_count_against_the_stock_under_concurrent_orders(shop):
    app, server, headers, _, plenty = shop
    poster = plenty + 2
    body = {"parts": [{"product": poster, "quantity_in_order": 2}]}  # one paid, one free
    with offer_while(server, {"kind": "buy_x_get_y", "product": poster, "buy": 1, "get": 1}):
        results = fire(server, [(body, headers[n % USERS]) for n in range(ORDERS)])

    assert Counter(status for status, _, _ in results) == {201: 5, 400: ORDERS - 5}
    placed = [order for status, order, _ in results if status == 201]
    assert {(order["discount"], order["total"]) for order in placed} == {("20.00", "20.00")}
    with app.app_context():
        assert db.session.get(Product, poster).quantity_in_stock == 0
    assert count(app, OrderPart, product_id=poster) == 5
    assert "Traceback" not in server.log()
