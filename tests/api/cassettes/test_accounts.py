"""Cassette shop accounts (seed 000): `/api/auth/signup`, `/api/auth/token` and API tokens."""

import re

import pytest

from dao.model.accounts import ApiToken, User
from helpers.container import auth_service
from tests.conftest import PASSWORD, bearer

SIGNUP = "/api/auth/signup"
TOKEN = "/api/auth/token"
CREDENTIALS = {"username": "rick", "password": PASSWORD}
BAD_LOGIN = {"message": "Unable to log in with provided credentials."}
NEW_CASSETTE = {"title": "Rambo", "director": "Ted Kotcheff", "released": "1982-10-22"}


def token_header(key: str) -> dict:
    return {"Authorization": f"Token {key}"}


@pytest.fixture
def rick_token(client) -> str:
    response = client.post(SIGNUP, json=CREDENTIALS)
    assert response.status_code == 201
    return response.json["token"]


def api_tokens(session) -> list[tuple[int, str]]:
    return [(t.user_id, t.key_hash) for t in session.query(ApiToken)]


@pytest.mark.parametrize("path", [SIGNUP, SIGNUP + "/"])
def test_signup_creates_the_account_and_returns_its_token(client, query, path):
    response = client.post(path, json={"username": " rick ", "password": PASSWORD})
    assert response.status_code == 201
    assert response.json == {"token": response.json["token"], "user": {"username": "rick"}}
    assert re.fullmatch(r"[0-9a-f]{40}", response.json["token"])
    users = query(lambda s: [(u.id, u.username, u.email, u.role) for u in s.query(User)])
    assert users == [(1, "rick", None, "user")]
    stored = query(api_tokens)
    assert len(stored) == 1
    assert stored[0][0] == 1
    assert response.json["token"] not in stored[0][1]


def test_signup_token_is_accepted_on_every_family(client, rick_token):
    assert client.get("/user/", headers=token_header(rick_token)).status_code == 200
    created = client.post("/api/cassetes/", json=NEW_CASSETTE, headers=token_header(rick_token))
    assert created.status_code == 201


def test_taken_username_is_400_naming_the_field(client, query, rick_token):
    response = client.post(SIGNUP, json={"username": "rick", "password": "another-pass-1"})
    assert response.status_code == 400
    assert response.json == {
        "message": "This username is taken.",
        "errors": {"username": ["A user with that username already exists."]},
    }
    assert query(lambda s: s.query(User).count()) == 1
    assert query(lambda s: s.query(ApiToken).count()) == 1


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"password": PASSWORD}, {"username": ["Missing data for required field."]}),
        ({"username": "rick"}, {"password": ["Missing data for required field."]}),
        ({"username": "rick", "password": ""}, {"password": ["Must be 1 to 128 characters long."]}),
        (
            {"username": "rick", "password": "x" * 129},
            {"password": ["Must be 1 to 128 characters long."]},
        ),
        (
            {"username": "", "password": PASSWORD},
            {
                "username": [
                    "Length must be between 1 and 150.",
                    "Control characters are not allowed.",
                ]
            },
        ),
        (
            {"username": "r" * 151, "password": PASSWORD},
            {"username": ["Length must be between 1 and 150."]},
        ),
        (
            {"username": "rick\tastley", "password": PASSWORD},
            {"username": ["Control characters are not allowed."]},
        ),
        ({"username": 5, "password": PASSWORD}, {"username": ["Not a valid string."]}),
        ({"username": None, "password": PASSWORD}, {"username": ["Field may not be null."]}),
        ({"username": "rick", "password": 12345678}, {"password": ["Not a valid string."]}),
    ],
)
def test_bad_signup_is_refused_and_nothing_written(client, query, body, errors):
    response = client.post(SIGNUP, json=body)
    assert response.status_code == 400
    assert response.json == {"message": "The request body is invalid.", "errors": errors}
    assert query(lambda s: s.query(User).count()) == 0
    assert query(lambda s: s.query(ApiToken).count()) == 0


def test_the_seeds_own_example_signs_up_and_logs_in(client, query):
    signup = client.post(SIGNUP, json={"username": "rick", "password": "123"})
    assert signup.status_code == 201
    assert signup.json == {"token": signup.json["token"], "user": {"username": "rick"}}
    token = client.post(TOKEN, json={"username": "rick", "password": "123"})
    assert token.status_code == 200
    assert token.json == signup.json
    assert query(lambda s: s.query(ApiToken).count()) == 1


def test_a_password_is_taken_exactly_as_sent(client):
    assert client.post(SIGNUP, json={"username": "rick", "password": " 1 "}).status_code == 201
    assert client.post(TOKEN, json={"username": "rick", "password": "1"}).json == BAD_LOGIN
    assert client.post(TOKEN, json={"username": "rick", "password": " 1 "}).status_code == 200


def test_a_deployment_may_raise_the_password_minimum(app, client, query):
    app.config["PASSWORD_MIN_LENGTH"] = 8
    response = client.post(SIGNUP, json={"username": "rick", "password": "1234567"})
    assert response.status_code == 400
    assert response.json == {
        "message": "The request body is invalid.",
        "errors": {"password": ["Must be 8 to 128 characters long."]},
    }
    assert query(lambda s: s.query(User).count()) == 0


def test_unknown_signup_fields_are_ignored_and_not_stored(client, query):
    body = {**CREDENTIALS, "role": "admin", "email": "r@example.com", "id": 7}
    response = client.post(SIGNUP, json=body)
    assert response.status_code == 201
    assert response.json == {"token": response.json["token"], "user": {"username": "rick"}}
    users = query(lambda s: [(u.id, u.username, u.email, u.role) for u in s.query(User)])
    assert users == [(1, "rick", None, "user")]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"data": "{oops", "content_type": "application/json"},
            "Malformed request body: send a valid JSON object.",
        ),
        ({"json": ["rick", PASSWORD]}, "The request body must be a JSON object."),
    ],
)
def test_signup_with_a_malformed_body_is_400(client, query, kwargs, message):
    response = client.post(SIGNUP, **kwargs)
    assert response.status_code == 400
    assert response.json == {"message": message}
    assert query(lambda s: s.query(User).count()) == 0


@pytest.mark.parametrize("path", [TOKEN, TOKEN + "/"])
def test_token_is_the_same_every_time_until_revoked(client, query, rick_token, path):
    first = client.post(path, json=CREDENTIALS)
    second = client.post(path, json={"username": " rick", "password": PASSWORD})
    assert first.status_code == second.status_code == 200
    assert first.json == second.json == {"token": rick_token, "user": {"username": "rick"}}
    assert query(lambda s: s.query(ApiToken).count()) == 1


def test_token_for_an_account_of_another_family_logs_in_by_email(app, client, query):
    with app.app_context():
        auth_service.register(PASSWORD, email="ann@example.com")
    response = client.post(TOKEN, json={"username": "ann@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert response.json["user"] == {"username": None}
    assert client.get("/user/", headers=token_header(response.json["token"])).json["id"] == 1


@pytest.mark.parametrize(
    "body",
    [
        {"username": "rick", "password": "wrong-password"},
        {"username": "RICK", "password": PASSWORD},
        {"username": "nobody", "password": PASSWORD},
    ],
)
def test_wrong_credentials_are_400_and_issue_nothing(client, query, rick_token, body):
    response = client.post(TOKEN, json=body)
    assert response.status_code == 400
    assert response.json == BAD_LOGIN
    assert query(lambda s: s.query(ApiToken).count()) == 1


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"username": "rick"}, {"password": ["Missing data for required field."]}),
        ({"password": PASSWORD}, {"username": ["Missing data for required field."]}),
        (
            {"username": "   ", "password": PASSWORD},
            {"username": ["Length must be between 1 and 254."]},
        ),
        ({"username": "rick", "password": ""}, {"password": ["Must be 1 to 128 characters long."]}),
        ({"username": ["rick"], "password": PASSWORD}, {"username": ["Not a valid string."]}),
    ],
)
def test_bad_token_request_is_400_naming_the_field(client, query, body, errors):
    response = client.post(TOKEN, json=body)
    assert response.status_code == 400
    assert response.json == {"message": "The request body is invalid.", "errors": errors}
    assert query(lambda s: s.query(ApiToken).count()) == 0


def test_unknown_token_request_fields_are_ignored(client, query, rick_token):
    response = client.post(TOKEN, json={**CREDENTIALS, "token": "x", "role": "admin"})
    assert response.status_code == 200
    assert response.json == {"token": rick_token, "user": {"username": "rick"}}
    assert query(lambda s: s.get(User, 1).role) == "user"
    assert query(lambda s: s.query(ApiToken).count()) == 1


@pytest.mark.parametrize("path", [TOKEN, TOKEN + "/"])
def test_delete_revokes_the_token_and_the_next_login_gets_a_new_one(
    client, query, rick_token, path
):
    response = client.delete(path, headers=token_header(rick_token))
    assert response.status_code == 204
    assert response.data == b""
    assert query(lambda s: s.query(ApiToken).count()) == 0
    refused = client.post("/api/cassetes/", json=NEW_CASSETTE, headers=token_header(rick_token))
    assert refused.status_code == 401
    assert refused.json == {"message": "The token is invalid or expired."}
    new_token = client.post(TOKEN, json=CREDENTIALS).json["token"]
    assert new_token != rick_token
    assert client.get("/user/", headers=token_header(new_token)).status_code == 200


def test_delete_with_a_catalog_jwt_revokes_the_users_token(client, rick_token):
    tokens = client.post("/auth/login", json={"email": "rick", "password": PASSWORD}).json
    assert client.delete(TOKEN, headers=bearer(tokens["access_token"])).status_code == 204
    assert client.get("/user/", headers=token_header(rick_token)).status_code == 401


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Token " + "0" * 40}, {"Authorization": "Token"}]
)
def test_delete_token_needs_a_valid_credential(client, query, rick_token, headers):
    response = client.delete(TOKEN, headers=headers)
    assert response.status_code == 401
    assert query(lambda s: s.query(ApiToken).count()) == 1


def test_password_change_revokes_the_token(client, rick_token):
    body = {"password_1": PASSWORD, "password_2": "brand-new-pass-1"}
    changed = client.put("/user/password", json=body, headers=token_header(rick_token))
    assert changed.status_code == 200
    assert changed.json is None
    assert client.get("/user/", headers=token_header(rick_token)).status_code == 401
    assert client.post(TOKEN, json=CREDENTIALS).json == BAD_LOGIN
    again = client.post(TOKEN, json={"username": "rick", "password": "brand-new-pass-1"})
    assert again.status_code == 200
    assert again.json["token"] != rick_token


def test_catalog_jwt_works_on_cassette_writes(client, user_headers):
    response = client.post("/api/cassettes/", json=NEW_CASSETTE, headers=user_headers)
    assert response.status_code == 201
    assert client.post("/api/cassettes/", json=NEW_CASSETTE, headers=bearer("x")).status_code == 401


def test_signup_is_limited_per_address(client, query):
    statuses = [
        client.post(SIGNUP, json={"username": f"user{i}", "password": PASSWORD}).status_code
        for i in range(31)
    ]
    assert statuses == [201] * 30 + [429]
    assert query(lambda s: s.query(User).count()) == 30


def test_failed_token_requests_are_limited_per_account(client, rick_token):
    client.post(SIGNUP, json={"username": "morty", "password": PASSWORD})
    wrong = {"username": "rick", "password": "wrong-password"}
    assert [client.post(TOKEN, json=wrong).status_code for _ in range(10)] == [400] * 10
    blocked = client.post(TOKEN, json=CREDENTIALS)
    assert blocked.status_code == 429
    assert blocked.json == {"message": "Too many requests. Try again later."}
    assert int(blocked.headers["Retry-After"]) > 0
    assert client.post(TOKEN, json={"username": "morty", "password": PASSWORD}).status_code == 200


def test_successful_token_requests_are_not_failures(client, rick_token):
    assert {client.post(TOKEN, json=CREDENTIALS).status_code for _ in range(12)} == {200}


def test_no_account_reply_carries_the_password_or_its_hash(client, query, rick_token):
    password_hash = query(lambda s: s.get(User, 1).password_hash)
    replies = [
        client.post(SIGNUP, json=CREDENTIALS),
        client.post(TOKEN, json=CREDENTIALS),
        client.post(TOKEN, json={"username": "rick", "password": "wrong-password"}),
    ]
    for reply in replies:
        text = reply.get_data(as_text=True)
        assert PASSWORD not in text
        assert password_hash not in text
        assert "password" not in reply.json.get("user", {})
