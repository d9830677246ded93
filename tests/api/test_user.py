"""The signed-in user's profile and password (seed 004)."""

import pytest

from dao.model.user import User
from tests.conftest import PASSWORD, bearer, login

NEW_PASSWORD = "battery-staple-7"


def profile(query) -> User:
    return query(lambda s: s.get(User, 1))


def test_get_profile(client, user_headers):
    response = client.get("/user/", headers=user_headers)
    assert response.status_code == 200
    assert response.json == {
        "id": 1,
        "email": "ann@example.com",
        "name": "",
        "surname": "",
        "favorite_genre": None,
        "favourite_genre": None,
    }


def test_profile_needs_a_token(client):
    assert client.get("/user").status_code == 401


def test_patch_profile(client, user_headers, query):
    response = client.patch(
        "/user/",
        json={"name": " Ann ", "surname": "Lee", "favorite_genre": 3},
        headers=user_headers,
    )
    assert response.status_code == 200
    assert response.json == {
        "id": 1,
        "email": "ann@example.com",
        "name": "Ann",
        "surname": "Lee",
        "favorite_genre": 3,
        "favourite_genre": 3,
    }
    user = profile(query)
    assert (user.name, user.surname, user.favorite_genre_id) == ("Ann", "Lee", 3)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"favourite_genre": 5}, 5),
        ({"favorite_genre": "7"}, 7),
        ({"favourite_genre": "7"}, 7),
        ({"favorite_genre": 7, "favourite_genre": 7}, 7),
        ({"favorite_genre": ""}, None),
        ({"favorite_genre": None}, None),
    ],
)
def test_genre_spellings_and_form_values(client, user_headers, query, body, expected):
    client.patch("/user/", json={"favorite_genre": 1}, headers=user_headers)
    response = client.patch("/user/", json=body, headers=user_headers)
    assert response.status_code == 200
    assert response.json["favorite_genre"] == expected
    assert profile(query).favorite_genre_id == expected


def test_unknown_genre_is_400_and_changes_nothing(client, user_headers, query):
    response = client.patch(
        "/user/", json={"name": "Zed", "favorite_genre": 99}, headers=user_headers
    )
    assert response.status_code == 400
    assert response.json == {
        "message": "The favorite genre does not exist.",
        "errors": {"favorite_genre": ["There is no genre with id 99."]},
    }
    assert profile(query).name == ""


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"role": "admin"}, "role"),
        ({"id": 5}, "id"),
        ({"email": "x@example.com"}, "email"),
        ({"password": "whatever12"}, "password"),
        ({"name": "x" * 101}, "name"),
        ({"name": 5}, "name"),
        ({"favorite_genre": "abc"}, "favorite_genre"),
        ({"favorite_genre": 0}, "favorite_genre"),
        ({"favorite_genre": 1, "favourite_genre": 2}, "favourite_genre"),
    ],
)
def test_bad_profile_change_is_400(client, user_headers, query, body, field):
    response = client.patch("/user/", json=body, headers=user_headers)
    assert response.status_code == 400
    assert field in response.json["errors"]
    user = profile(query)
    assert (user.role, user.email, user.name) == ("user", "ann@example.com", "")


@pytest.mark.parametrize(
    "body",
    [
        {"password_1": PASSWORD, "password_2": NEW_PASSWORD},
        {"old_password": PASSWORD, "new_password": NEW_PASSWORD},
    ],
)
def test_change_password(client, user_tokens, body):
    response = client.put("/user/password", json=body, headers=bearer(user_tokens["access_token"]))
    assert response.status_code == 204
    assert response.data == b""
    login(client, "ann@example.com", NEW_PASSWORD)
    old = client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert old.status_code == 401


def test_tokens_issued_before_a_password_change_stop_working(client, user_tokens):
    headers = bearer(user_tokens["access_token"])
    body = {"password_1": PASSWORD, "password_2": NEW_PASSWORD}
    assert client.put("/user/password", json=body, headers=headers).status_code == 204
    assert client.get("/user/", headers=headers).status_code == 401
    assert client.put("/auth/login", json=user_tokens).status_code == 401
    fresh = login(client, "ann@example.com", NEW_PASSWORD)
    assert client.get("/user/", headers=bearer(fresh["access_token"])).status_code == 200


def test_wrong_current_password_is_400(client, user_headers):
    body = {"password_1": "not-my-password", "password_2": NEW_PASSWORD}
    response = client.put("/user/password", json=body, headers=user_headers)
    assert response.status_code == 400
    assert response.json == {"message": "The current password is wrong."}
    assert client.get("/user/", headers=user_headers).status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"password_1": PASSWORD},
        {"password_1": PASSWORD, "password_2": "short"},
        {"old_password": PASSWORD, "new_password": "short"},
        {"password_1": PASSWORD, "new_password": NEW_PASSWORD},
        {
            "password_1": PASSWORD,
            "password_2": NEW_PASSWORD,
            "old_password": PASSWORD,
            "new_password": NEW_PASSWORD,
        },
        {"password_1": PASSWORD, "password_2": NEW_PASSWORD, "role": "admin"},
    ],
)
def test_bad_password_change_is_400(client, user_headers, body):
    response = client.put("/user/password", json=body, headers=user_headers)
    assert response.status_code == 400
    assert response.json["errors"]
    assert client.get("/user/", headers=user_headers).status_code == 200
