"""Credential endpoints are rate limited: per client address, and failed logins per account."""

import time

from helpers.container import auth_service
from tests.conftest import PASSWORD, bearer, build_app


def test_failed_logins_are_limited_per_account(client, make_user):
    make_user("ann@example.com")
    make_user("bob@example.com")
    wrong = {"email": "ann@example.com", "password": "wrong-password"}
    statuses = [client.post("/auth/login", json=wrong).status_code for _ in range(10)]
    assert statuses == [401] * 10
    blocked = client.post("/auth/login", json={"email": "ANN@example.com", "password": PASSWORD})
    assert blocked.status_code == 429
    assert blocked.json == {"message": "Too many requests. Try again later."}
    assert blocked.headers["Retry-After"] == "900"  # the 15-minute window
    other = client.post("/auth/login", json={"email": "bob@example.com", "password": PASSWORD})
    assert other.status_code == 200


def test_successful_logins_do_not_count_as_failures(client, make_user):
    make_user("ann@example.com")
    body = {"email": "ann@example.com", "password": PASSWORD}
    assert {client.post("/auth/login", json=body).status_code for _ in range(12)} == {200}


def test_requests_are_limited_per_address(client, query):
    statuses = [
        client.post(
            "/auth/register", json={"email": f"u{i}@example.com", "password": PASSWORD}
        ).status_code
        for i in range(31)
    ]
    assert statuses[:30] == [201] * 30
    assert statuses[30] == 429


def test_limits_can_be_switched_off(tmp_path):
    client = build_app(tmp_path, RATELIMIT_ENABLED=False).test_client()
    wrong = {"email": "nobody@example.com", "password": "wrong-password"}
    assert {client.post("/auth/login", json=wrong).status_code for _ in range(15)} == {401}


def test_an_answer_within_the_limits_carries_no_retry_after(client, make_user):
    make_user("ann@example.com")
    response = client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "Retry-After" not in response.headers


def test_behind_a_trusted_proxy_limits_count_each_forwarded_client(tmp_path):
    client = build_app(tmp_path, TRUSTED_PROXIES=1).test_client()

    def register(n: int, address: str) -> int:
        body = {"email": f"p{n}@example.com", "password": PASSWORD}
        headers = {"X-Forwarded-For": address}
        return client.post("/auth/register", json=body, headers=headers).status_code

    assert [register(n, "203.0.113.7") for n in range(31)][-1] == 429
    assert register(99, "198.51.100.2") == 201


def test_retry_after_is_the_time_left_in_the_window(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "AUTH_RATE_LIMIT", "2 per minute")

    def register(n: int):
        return client.post(
            "/auth/register", json={"email": f"w{n}@example.com", "password": PASSWORD}
        )

    assert [register(n).status_code for n in range(2)] == [201, 201]
    first = register(2)
    assert (first.status_code, first.json) == (
        429,
        {"message": "Too many requests. Try again later."},
    )
    assert 59 <= int(first.headers["Retry-After"]) <= 60
    time.sleep(1.1)
    later = register(3)
    assert later.status_code == 429
    assert int(later.headers["Retry-After"]) < int(first.headers["Retry-After"])


# Every way to guess the password of the account ann / ann@example.com (one account).
GUESSES = [
    ("post", "/auth/login", {"email": "ann@example.com"}, 401),
    ("post", "/auth/login/", {"email": "ANN@example.com"}, 401),
    ("post", "/api/auth/token", {"username": "ann"}, 400),
    ("post", "/api/auth/token/", {"username": "ann@example.com"}, 400),
    ("post", "/auth", {"username": "ann"}, 401),
    ("post", "/auth/", {"username": "ann"}, 401),
    ("post", "/api/auth", {"username": "ann"}, 401),
    ("post", "/api/auth/", {"username": "ann@example.com"}, 401),
]


def account_of_ann(app, client) -> dict:
    with app.app_context():
        auth_service.register(PASSWORD, email="ann@example.com", username="ann")
    return bearer(
        client.post("/api/auth", json={"username": "ann", "password": PASSWORD}).json["access"]
    )  # noqa: E501


def test_failures_count_once_per_account_whatever_the_form_or_path(app, client):
    account_of_ann(app, client)
    for n in range(10):  # ten guesses in all, spread over every form and spelling
        method, path, login, status = GUESSES[n % len(GUESSES)]
        response = getattr(client, method)(path, json={**login, "password": f"guess{n}"})
        assert response.status_code == status, (path, response.json)
    for method, path, login, _ in GUESSES:  # the right password, on any form: refused now
        response = getattr(client, method)(path, json={**login, "password": PASSWORD})
        assert response.status_code == 429, path
        assert int(response.headers["Retry-After"]) > 0


def test_wrong_current_passwords_on_a_password_change_count_too(app, client):
    headers = account_of_ann(app, client)
    for n in range(10):
        body = {"password_1": f"guess{n}", "password_2": "new"}
        response = client.put("/user/password", json=body, headers=headers)
        assert (response.status_code, response.json) == (
            400,
            {"message": "The current password is wrong."},
        )  # noqa: E501
    right = client.put(
        "/user/password", json={"password_1": PASSWORD, "password_2": "new"}, headers=headers
    )  # noqa: E501
    assert (right.status_code, right.json) == (
        429,
        {"message": "Too many requests. Try again later."},
    )  # noqa: E501
    login = client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert login.status_code == 429  # the same account's count
    with app.app_context():
        user = auth_service.check_password("ann", PASSWORD)
    assert user.token_version == 0  # nothing was changed
