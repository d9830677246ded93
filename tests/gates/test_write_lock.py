"""Password hashing never holds SQLite's write lock.

A scrypt check takes about 80 ms. Done inside a write transaction (`BEGIN IMMEDIATE`), 24
clients failing `POST /api/auth/token` kept the lock taken nearly all the time, and up to 9 %
of the orders placed meanwhile waited past the busy timeout: 500 "database is locked". Here
that storm runs against gunicorn (production settings, scrypt) while orders are placed, and
not one request may fail with a server error.
"""

import shutil
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from tests.clients.live_demo import BUNDLED_DATABASE
from tests.conftest import PASSWORD, build_app, sign_up
from tests.live import live_server
from tests.shop_data import add_product

FAILING_CLIENTS = 24
BUYERS = 4
ORDERS_EACH = 5


def test_failing_logins_do_not_lock_out_orders(tmp_path):
    database = tmp_path / "data.db"
    shutil.copy(BUNDLED_DATABASE, database)
    app = build_app(tmp_path, f"sqlite:///{database}")
    product = add_product(app, "Postcard", "2.50", BUYERS * ORDERS_EACH)
    for n in range(BUYERS):
        sign_up(app, f"buyer{n}")
    done = threading.Event()

    with live_server(
        database, workers=2, production=True,
        PASSWORD_HASH_METHOD="scrypt", RATELIMIT_ENABLED="false",
    ) as server:  # fmt: skip

        def fail_logins(n: int) -> Counter:
            statuses = Counter()
            while not done.is_set():
                wrong = {"username": f"nobody{n}", "password": "wrong"}
                statuses[server.request("POST", "/api/auth/token", wrong)[0]] += 1
            return statuses

        def buy(n: int) -> Counter:
            login = {"username": f"buyer{n}", "password": PASSWORD}
            status, body, _ = server.request("POST", "/api/auth", login)
            assert status == 200, body
            headers = {"Authorization": f"Bearer {body['access']}"}
            order = {"parts": [{"product": product, "quantity_in_order": 1}]}
            return Counter(
                server.request("POST", "/api/order", order, headers)[0] for _ in range(ORDERS_EACH)
            )

        with ThreadPoolExecutor(FAILING_CLIENTS + BUYERS) as pool:
            storm = [pool.submit(fail_logins, n) for n in range(FAILING_CLIENTS)]
            try:
                orders = sum((future.result() for future in [
                    pool.submit(buy, n) for n in range(BUYERS)
                ]), Counter())  # fmt: skip
            finally:
                done.set()
            logins = sum((future.result() for future in storm), Counter())
        log = server.log()

    assert orders == {201: BUYERS * ORDERS_EACH}
    assert set(logins) == {400} and logins[400] >= FAILING_CLIENTS
    assert "database is locked" not in log
    assert "Traceback" not in log
