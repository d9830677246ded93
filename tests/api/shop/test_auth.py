"""Shop tokens (seed 003): `/api/auth` and `/api/refresh` in simplejwt's shapes, on the shared
accounts; the tokens open the rest of the API, the shared `/user/` profile included."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from config import TestConfig
from dao.model.accounts import SpentRefreshToken, User
from helpers import security
from tests.conftest import PASSWORD, bearer, sign_up
from tests.shop_data import shop_login

BAD_LOGIN = {"message": "Invalid username or password."}


@pytest.fixture
def ann(app):
    return sign_up(app, "ann")


@pytest.mark.parametrize("path", ["/api/auth", "/api/auth/"])
def test_login_by_username_returns_access_and_refresh(client, ann, path):
    response = client.post(path, json={"username": "ann", "password": PASSWORD})
    assert response.status_code == 200
    assert set(response.json) == {"access", "refresh"}
    access = jwt.decode(response.json["access"], TestConfig.SECRET_KEY, algorithms=["HS256"])
    refresh = jwt.decode(response.json["refresh"], TestConfig.SECRET_KEY, algorithms=["HS256"])
    assert (access["type"], access["sub"]) == ("access", str(ann))
    assert (refresh["type"], refresh["sub"]) == ("refresh", str(ann))


@pytest.mark.parametrize("password", ["1", " ", "x" * 128])
def test_any_password_of_1_to_128_characters_logs_in(app, client, password):
    sign_up(app, "ann", password=password)
    response = client.post("/api/auth", json={"username": "ann", "password": password})
    assert response.status_code == 200
    assert set(response.json) == {"access", "refresh"}


def test_login_accepts_the_email_of_an_email_account(client, make_user):
    make_user("bob@example.com")
    response = client.post("/api/auth", json={"username": "BOB@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert set(response.json) == {"access", "refresh"}


@pytest.mark.parametrize(
    "body",
    [
        {"username": "ann", "password": "wrong-password"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "Ann", "password": PASSWORD},
    ],
)
def test_wrong_credentials_are_401_with_one_message(client, ann, body):
    response = client.post("/api/auth", json=body)
    assert response.status_code == 401
    assert response.json == BAD_LOGIN


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": PASSWORD}, "username"),
        ({"username": "ann"}, "password"),
        ({"username": "   ", "password": PASSWORD}, "username"),
        ({"username": "a" * 255, "password": PASSWORD}, "username"),
        ({"username": 7, "password": PASSWORD}, "username"),
        ({"username": "ann", "password": None}, "password"),
        ({"username": "ann", "password": ""}, "password"),
        ({"username": "ann", "password": "x" * 129}, "password"),
    ],
)
def test_bad_login_body_is_400_naming_the_field(client, ann, body, field):
    response = client.post("/api/auth", json=body)
    assert response.status_code == 400
    assert response.json["message"] == "The request body is invalid."
    assert field in response.json["errors"]


def test_unknown_login_fields_are_ignored(client, query, ann):
    body = {"username": "ann", "password": PASSWORD, "role": "admin"}
    response = client.post("/api/auth", json=body)
    assert response.status_code == 200
    assert set(response.json) == {"access", "refresh"}
    assert query(lambda s: s.get(User, ann).role) == "user"


def test_failed_logins_are_rate_limited_per_account(client, ann):
    wrong = {"username": "ann", "password": "wrong-password"}
    assert [client.post("/api/auth", json=wrong).status_code for _ in range(10)] == [401] * 10
    blocked = client.post("/api/auth", json={"username": "ann", "password": PASSWORD})
    assert blocked.status_code == 429
    assert int(blocked.headers["Retry-After"]) > 0


def test_refresh_rotates_the_pair_and_refuses_the_old_token(client, ann, query):
    first = shop_login(client, "ann")
    response = client.post("/api/refresh", json={"refresh": first["refresh"]})
    assert response.status_code == 200
    assert set(response.json) == {"access", "refresh"}
    assert response.json["refresh"] != first["refresh"]
    again = client.post("/api/refresh", json={"refresh": first["refresh"]})
    assert again.status_code == 401
    assert again.json == {"message": "This refresh token has already been used."}
    assert query(lambda s: s.query(SpentRefreshToken).count()) == 1
    newer = client.post("/api/refresh/", json={"refresh": response.json["refresh"]})
    assert newer.status_code == 200


def test_refreshed_access_token_works(client, ann):
    pair = client.post("/api/refresh", json={"refresh": shop_login(client, "ann")["refresh"]})
    response = client.get("/api/my-orders", headers=bearer(pair.json["access"]))
    assert response.status_code == 200


@pytest.mark.parametrize("token", ["not-a-jwt", "access", "expired", "foreign"])
def test_refresh_with_an_unreadable_token_is_401(client, query, ann, token):
    secret, ttl, now = TestConfig.SECRET_KEY, timedelta(days=1), datetime.now(UTC)
    token = {
        "access": lambda: shop_login(client, "ann")["access"],
        "expired": lambda: security.issue_token(ann, 0, security.REFRESH, -ttl, secret, now),
        "foreign": lambda: security.issue_token(ann, 0, security.REFRESH, ttl, "x" * 40, now),
    }.get(token, lambda: token)()
    response = client.post("/api/refresh", json={"refresh": token})
    assert response.status_code == 401
    assert response.json == {"message": "Expired refresh token"}
    assert query(lambda s: s.query(SpentRefreshToken).count()) == 0


@pytest.mark.parametrize(
    ("body", "field"),
    [({}, "refresh"), ({"refresh": ""}, "refresh"), ({"refresh": 5}, "refresh")],
)
def test_bad_refresh_body_is_400(client, body, field):
    response = client.post("/api/refresh", json=body)
    assert response.status_code == 400
    assert field in response.json["errors"]


def test_refresh_ignores_unknown_fields(client, query, ann):
    body = {"refresh": shop_login(client, "ann")["refresh"], "access": "x"}
    response = client.post("/api/refresh", json=body)
    assert response.status_code == 200
    assert set(response.json) == {"access", "refresh"}
    assert query(lambda s: s.query(SpentRefreshToken).count()) == 1


@pytest.mark.parametrize("path", ["/api/auth", "/api/refresh"])
def test_token_endpoints_take_only_post(client, path):
    response = client.get(path)
    assert response.status_code == 405
    assert response.json == {"message": "This method is not allowed on this path."}


def test_auth_route_is_exact(client):
    response = client.post("/api/auth/nowhere", json={})
    assert response.status_code == 404


def test_shop_token_reads_and_edits_the_shared_profile(client, query, ann):
    headers = bearer(shop_login(client, "ann")["access"])
    profile = client.get("/user/", headers=headers)
    assert profile.status_code == 200
    assert profile.json["id"] == ann
    changed = client.patch("/user/", json={"name": " Ann ", "surname": "Lee"}, headers=headers)
    assert changed.status_code == 200
    assert (changed.json["name"], changed.json["surname"]) == ("Ann", "Lee")
    assert client.get("/user", headers=headers).json["surname"] == "Lee"
    ignored = client.patch("/user/", json={"role": "admin", "id": 99}, headers=headers)
    assert ignored.status_code == 200
    assert ignored.json == profile.json | {"name": "Ann", "surname": "Lee"}
    assert query(lambda s: (s.get(User, ann).role, s.get(User, 99))) == ("user", None)
