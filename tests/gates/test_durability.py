"""A crash in the middle of an order storm loses no confirmed order and no stock (SQLite, WAL).

Four gunicorn workers take orders from eight threads; once enough orders are confirmed the
master and every worker are killed with SIGKILL, mid-request. A new server then opens the
same file. Every order that was answered 201 must be there with its parts, the stock plus
everything stored orders hold must equal the starting stock (an order cut off by the crash is
either wholly there or wholly absent), and SQLite's own integrity check must pass.
"""

import http.client
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

from dao.model import db
from tests.conftest import PASSWORD, build_app, sign_up
from tests.live import live_server
from tests.shop_data import add_product

STOCK = 200
THREADS = 8
CONFIRMED_BEFORE_CRASH = 24
MAX_ORDERS_PER_THREAD = 40  # the storm stops by itself even if the crash never came


class Storm:
    """Threads placing orders until the server dies under them."""

    def __init__(self, server, headers: list[dict], products: list[int]):
        self.server, self.headers, self.products = server, headers, products
        self.confirmed: list[dict] = []
        self.other_answers: list[tuple[int, object]] = []
        self.cut_off = 0  # threads whose request died with the server
        self.lock = threading.Condition()

    def run(self, thread: int) -> None:
        for n in range(MAX_ORDERS_PER_THREAD):
            quantities = (1 + (thread + n) % 3, 1 + n % 2)
            body = {
                "parts": [
                    {"product": product, "quantity_in_order": quantity}
                    for product, quantity in zip(self.products, quantities, strict=True)
                ]
            }
            try:
                status, answer, _ = self.server.request(
                    "POST", "/api/order", body, self.headers[thread % len(self.headers)]
                )
            except (OSError, http.client.HTTPException):
                with self.lock:  # the crash: connection refused, reset or cut off mid-answer
                    self.cut_off += 1
                return
            with self.lock:
                if status == 201:
                    self.confirmed.append(answer)
                else:
                    self.other_answers.append((status, answer))
                self.lock.notify_all()

    def wait_for(self, count: int) -> bool:
        with self.lock:
            return self.lock.wait_for(lambda: len(self.confirmed) >= count, timeout=120)


def stored(path) -> tuple[dict, dict, str]:
    """Orders with their parts, stock by product, and PRAGMA integrity_check, read directly."""
    with sqlite3.connect(path) as connection:
        orders: dict[int, list] = {}
        rows = connection.execute(
            "SELECT order_id, product_id, quantity_in_order FROM order_parts ORDER BY id"
        )
        for order_id, product_id, quantity in rows:
            orders.setdefault(order_id, []).append((product_id, quantity))
        stock = dict(connection.execute("SELECT id, quantity_in_stock FROM products"))
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    connection.close()
    return orders, stock, integrity


def login(server, username: str) -> dict:
    status, body, _ = server.request(
        "POST", "/api/auth", {"username": username, "password": PASSWORD}
    )
    assert status == 200, body
    return {"Authorization": f"Bearer {body['access']}"}


def test_a_crash_mid_storm_keeps_every_confirmed_order_and_all_stock(tmp_path):
    app = build_app(tmp_path)
    products = [add_product(app, "Print", "10.00", STOCK), add_product(app, "Frame", "4.50", STOCK)]
    buyers = [sign_up(app, f"buyer{n}") for n in range(4)]
    with app.app_context():
        db.engine.dispose()
    path = tmp_path / "test.db"

    with live_server(path, workers=4, RATELIMIT_ENABLED="false") as server:
        headers = [login(server, f"buyer{n}") for n in range(4)]
        storm = Storm(server, headers, products)
        with ThreadPoolExecutor(max_workers=THREADS) as pool:
            for thread in range(THREADS):
                pool.submit(storm.run, thread)
            reached = storm.wait_for(CONFIRMED_BEFORE_CRASH)
            server.kill()
        assert reached, server.log()

    assert storm.other_answers == []  # no 5xx, no refusal: only 201s and cut connections
    assert storm.cut_off == THREADS  # every thread was still ordering when the server died
    with live_server(path, workers=2, RATELIMIT_ENABLED="false") as restarted:
        status, mine, _ = restarted.request("GET", "/api/my-orders", headers=headers[0])
        assert status == 200
        orders, stock, integrity = stored(path)
        assert "Traceback" not in restarted.log()

    assert integrity == "ok"
    for order in storm.confirmed:
        assert orders[order["id"]] == [
            (part["product"], part["quantity_in_order"]) for part in order["parts"]
        ]
    for product in products:
        ordered = sum(q for parts in orders.values() for p, q in parts if p == product)
        assert stock[product] + ordered == STOCK
    # The restarted server serves them: the first buyer sees every order confirmed to them.
    assert {o["id"] for o in storm.confirmed if o["user"] == buyers[0]} <= {o["id"] for o in mine}
    assert {o["id"] for o in mine} <= set(orders)
