"""Requests that race each other get the contract's answers, never a 5xx or a stray 409.

Four gunicorn workers serve one database (SQLite, and PostgreSQL when TEST_POSTGRES_URL is
set, where rows are not serialised by a database-wide write lock). Each case fires its
requests at once from as many threads.
"""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest

from dao.model import db
from helpers.container import auth_service
from service.cassettes import load_cassettes
from service.dealer import load_autos
from service.referral.phone_login import load_phone_users
from service.seed import load_demo
from service.shop.products import load_products
from tests.conftest import PASSWORD, build_app, live_database
from tests.live import live_server
from tests.referral_support import ANN, BOB, CODE_KEY, LOGIN, SIGNUP, TOKEN_KEY, USERS

AUTO = {"max_speed": 280, "distance": 400, "handler": "Auto Motors", "stock": "Germany"}
THREADS = 8


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def server(request, tmp_path_factory):
    """A live server on every family's demo data, with an admin `root@example.com`."""
    path = tmp_path_factory.mktemp("races")
    database_url = live_database(request)
    app = build_app(path, database_url)
    with app.app_context():
        load_demo(db.session, load_autos, load_cassettes, load_phone_users, load_products)
        auth_service.register(PASSWORD, email="root@example.com", role="admin")
        db.session.commit()
        db.engine.dispose()
    env = {"RATELIMIT_ENABLED": "false", "SMS_DELAY_SECONDS": "0", "PUBLIC_CACHE_SECONDS": "0"}
    with live_server(path / "test.db", workers=4, database_url=database_url, **env) as live:
        yield live


def at_once(server, requests: list[tuple]) -> list[int]:
    """Send every (method, path, body, headers) at once; their statuses, in the same order."""
    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        futures = [pool.submit(server.request, *request) for request in requests]
        statuses = [future.result()[0] for future in futures]
    assert "Traceback" not in server.log()
    return statuses


def count_at_once(server, requests: list[tuple]) -> Counter:
    return Counter(at_once(server, requests))


def admin(server) -> dict:
    login = {"email": "root@example.com", "password": PASSWORD}
    status, body, _ = server.request("POST", "/auth/login", login)
    assert status == 200, body
    return {"Authorization": f"Bearer {body['access_token']}"}


@pytest.mark.parametrize(
    ("item", "change", "changed", "deleted"),
    [
        ("/api/cassetes/3", {"quantity": 7}, 204, 204),
        ("/movies/4", {"title": "Renamed"}, 200, 204),
        ("/api/products/5", {"quantity_in_stock": 9}, 200, 204),
        ("/auto/Lada%20Vesta", {"distance": 1}, 202, 202),
    ],
)
def test_changes_racing_a_delete_are_2xx_or_404(server, item, change, changed, deleted):
    headers = admin(server)
    if item.startswith("/auto/"):
        server.request("POST", item, AUTO, headers)
    changes = [("PATCH", item, change, headers)] * (THREADS - 1)
    *patched, removed = at_once(server, [*changes, ("DELETE", item, None, headers)])
    assert removed == deleted
    assert set(patched) <= {changed, 404}, patched
    assert server.request("GET", item, None, headers)[0] == 404


def test_a_refresh_token_sent_many_times_at_once_works_once(server):
    register = {"email": "racer@example.com", "password": PASSWORD}
    server.request("POST", "/auth/register", register)
    _, pair, _ = server.request("POST", "/auth/login", register)
    refresh = {"refresh_token": pair["refresh_token"]}
    statuses = count_at_once(server, [("PUT", "/auth/login", refresh, {})] * THREADS)
    assert statuses == {200: 1, 401: THREADS - 1}


def test_a_favorite_added_and_removed_at_once_answers_as_one_request_would(server):
    account = {"email": "fan@example.com", "password": PASSWORD}
    server.request("POST", "/auth/register", account)
    _, pair, _ = server.request("POST", "/auth/login", account)
    headers = {"Authorization": f"Bearer {pair['access_token']}"}
    added = count_at_once(server, [("POST", "/favorites/movies/2", None, headers)] * THREADS)
    assert added == {200: THREADS}
    removed = count_at_once(server, [("DELETE", "/favorites/movies/2", None, headers)] * THREADS)
    assert removed == {204: 1, 404: THREADS - 1}


def phone_token(server, number: str) -> dict:
    _, sent, _ = server.request("POST", SIGNUP, {"telephone_number": number})
    _, logged_in, _ = server.request(
        "POST", LOGIN, {"telephone_number": number, "code": sent[CODE_KEY]}
    )
    return {"Authorization": f"Token {logged_in[TOKEN_KEY]}"}


def test_two_users_taking_one_username_at_once_one_gets_it(server):
    ann, bob = phone_token(server, ANN), phone_token(server, BOB)
    requests = [
        ("PATCH", f"{USERS}{ANN}/", {"username": "same-name"}, ann),
        ("PATCH", f"{USERS}{BOB}/", {"username": "same-name"}, bob),
    ] * (THREADS // 2)
    statuses = count_at_once(server, requests)
    assert statuses == {200: THREADS // 2, 400: THREADS // 2}  # all of one, none of the other
    assert server.request("GET", f"{USERS}same-name/", None, ann)[0] == 200


def test_wrong_codes_at_once_burn_the_code_after_five(server):
    number = "+79161234500"
    _, sent, _ = server.request("POST", SIGNUP, {"telephone_number": number})
    wrong = "0000" if sent[CODE_KEY] != "0000" else "1111"
    guesses = [("POST", LOGIN, {"telephone_number": number, "code": wrong}, {})] * THREADS
    assert count_at_once(server, guesses) == {400: 5, 429: THREADS - 5}


def test_of_password_changes_made_at_once_with_one_password_one_applies(server):
    account = {"email": "changer@example.com", "password": PASSWORD}
    server.request("POST", "/auth/register", account)
    _, pair, _ = server.request("POST", "/auth/login", account)
    headers = {"Authorization": f"Bearer {pair['access_token']}"}
    changes = [
        ("PUT", "/user/password", {"password_1": PASSWORD, "password_2": f"new-{n}"}, headers)
        for n in range(THREADS)
    ]
    statuses = at_once(server, changes)
    assert statuses.count(200) == 1
    # The others: the password is no longer the current one (400), or, once the change is
    # committed, the token they came with no longer works (401).
    assert set(statuses) - {200} <= {400, 401}, statuses
    winner = f"new-{statuses.index(200)}"
    assert server.request("POST", "/auth/login", {**account, "password": winner})[0] == 200
