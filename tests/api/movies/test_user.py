"""The signed-in user's profile and password (seed 004)."""

import pytest

from dao.model.accounts import User
from tests.conftest import PASSWORD, bearer, login

NEW_PASSWORD = "battery-staple-7"


def profile(query) -> User:
    return query(lambda s: s.get(User, 1))


def answer(name=None, surname=None, genre=None) -> dict:
    return {
        "id": 1,
        "email": "ann@example.com",
        "name": name,
        "surname": surname,
        "favourite_genre": genre,
    }


def test_get_profile(client, user_headers):
    response = client.get("/user/", headers=user_headers)
    assert response.status_code == 200
    assert response.json == answer()


def test_profile_needs_a_token(client):
    assert client.get("/user").status_code == 401


def test_patch_profile(client, user_headers, query):
    response = client.patch(
        "/user/",
        json={"name": " Ann ", "surname": "Lee", "favorite_genre": 3},
        headers=user_headers,
    )
    assert response.status_code == 200
    assert response.json == answer("Ann", "Lee", 3)
    assert client.get("/user/", headers=user_headers).json == answer("Ann", "Lee", 3)
    user = profile(query)
    assert (user.name, user.surname, user.favorite_genre_id) == ("Ann", "Lee", 3)


def test_patch_changes_only_the_fields_sent(client, user_headers, query):
    client.patch(
        "/user/", json={"name": "Ann", "surname": "Lee", "favourite_genre": 3}, headers=user_headers
    )
    response = client.patch("/user/", json={"surname": "Kim"}, headers=user_headers)
    assert response.status_code == 200
    assert response.json == answer("Ann", "Kim", 3)
    user = profile(query)
    assert (user.name, user.surname, user.favorite_genre_id) == ("Ann", "Kim", 3)


def test_patch_profile_ignores_unknown_fields(client, user_headers, query):
    body = {"name": "Ann", "surname": "Lee", "favourite_genre": 1, "age": 12}
    response = client.patch("/user/", json=body, headers=user_headers)
    assert response.status_code == 200
    assert response.json == answer("Ann", "Lee", 1)
    user = profile(query)
    assert (user.name, user.surname, user.favorite_genre_id) == ("Ann", "Lee", 1)


def test_patch_profile_cannot_change_role_id_email_or_password(client, user_headers, query):
    body = {"role": "admin", "id": 5, "email": "x@example.com", "password": "whatever12"}
    response = client.patch("/user/", json=body, headers=user_headers)
    assert response.status_code == 200
    assert response.json == answer()
    user = profile(query)
    assert (user.id, user.role, user.email) == (1, "user", "ann@example.com")
    login(client, "ann@example.com", PASSWORD)


@pytest.mark.parametrize(
    "cleared", [{"name": None, "surname": ""}, {"name": "", "surname": None}, {"name": "  "}]
)
def test_null_or_empty_clears_a_name(client, user_headers, query, cleared):
    client.patch("/user/", json={"name": "Ann", "surname": "Lee"}, headers=user_headers)
    response = client.patch("/user/", json=cleared, headers=user_headers)
    assert response.status_code == 200
    expected = {"name": None, "surname": None if "surname" in cleared else "Lee"}
    assert response.json == answer(**expected)
    user = profile(query)
    assert (user.name, user.surname) == (expected["name"], expected["surname"])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"favourite_genre": 5}, 5),
        ({"favorite_genre": "7"}, 7),
        ({"favourite_genre": "7"}, 7),
        ({"favorite_genre": 7, "favourite_genre": 7}, 7),
        ({"favorite_genre": ""}, None),
        ({"favorite_genre": None}, None),
        ({"favourite_genre": ""}, None),
        ({"favourite_genre": None}, None),
    ],
)
def test_genre_spellings_and_form_values(client, user_headers, query, body, expected):
    client.patch("/user/", json={"favourite_genre": 1}, headers=user_headers)
    response = client.patch("/user/", json=body, headers=user_headers)
    assert response.status_code == 200
    assert response.json == answer(genre=expected)
    assert profile(query).favorite_genre_id == expected


def test_differing_genre_spellings_are_400(client, user_headers, query):
    body = {"favorite_genre": 1, "favourite_genre": 2, "name": "Zed"}
    response = client.patch("/user/", json=body, headers=user_headers)
    assert response.status_code == 400
    assert response.json == {
        "message": "The request body is invalid.",
        "errors": {"favorite_genre": ["Differs from favourite_genre."]},
    }
    user = profile(query)
    assert (user.name, user.favorite_genre_id) == (None, None)


def test_unknown_genre_is_400_and_changes_nothing(client, user_headers, query):
    response = client.patch(
        "/user/", json={"name": "Zed", "favourite_genre": 99}, headers=user_headers
    )
    assert response.status_code == 400
    assert response.json == {
        "message": "The favorite genre does not exist.",
        "errors": {"favourite_genre": ["There is no genre with id 99."]},
    }
    user = profile(query)
    assert (user.name, user.favorite_genre_id) == (None, None)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "x" * 101}, "name"),
        ({"name": 5}, "name"),
        ({"surname": ["Lee"]}, "surname"),
        ({"favourite_genre": "abc"}, "favourite_genre"),
        ({"favourite_genre": 0}, "favourite_genre"),
        ({"favorite_genre": "abc"}, "favourite_genre"),
    ],
)
def test_bad_profile_change_is_400(client, user_headers, query, body, field):
    response = client.patch("/user/", json=body, headers=user_headers)
    assert response.status_code == 400
    assert field in response.json["errors"]
    user = profile(query)
    assert (user.name, user.surname, user.favorite_genre_id) == (None, None, None)


@pytest.mark.parametrize(
    "body",
    [
        {"password_1": PASSWORD, "password_2": NEW_PASSWORD},
        {"old_password": PASSWORD, "new_password": NEW_PASSWORD},
    ],
)
def test_change_password(client, user_tokens, body):
    response = client.put("/user/password", json=body, headers=bearer(user_tokens["access_token"]))
    assert response.status_code == 200
    assert response.data == b"null\n"
    login(client, "ann@example.com", NEW_PASSWORD)
    old = client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert old.status_code == 401


@pytest.mark.parametrize("new", ["1", "test123"])
def test_a_new_password_may_be_short(client, user_headers, new):
    body = {"old_password": PASSWORD, "new_password": new}
    response = client.put("/user/password", json=body, headers=user_headers)
    assert response.status_code == 200
    assert response.json is None
    login(client, "ann@example.com", new)


def test_a_new_password_is_kept_exactly_as_sent(client, user_headers):
    body = {"old_password": PASSWORD, "new_password": " spaced "}
    assert client.put("/user/password", json=body, headers=user_headers).status_code == 200
    login(client, "ann@example.com", " spaced ")
    trimmed = {"email": "ann@example.com", "password": "spaced"}
    assert client.post("/auth/login", json=trimmed).status_code == 401


def test_tokens_issued_before_a_password_change_stop_working(client, user_tokens):
    headers = bearer(user_tokens["access_token"])
    body = {"password_1": PASSWORD, "password_2": NEW_PASSWORD}
    response = client.put("/user/password", json=body, headers=headers)
    assert (response.status_code, response.json) == (200, None)
    stale = client.get("/user/", headers=headers)
    assert (stale.status_code, stale.json) == (401, {"message": "The token is invalid or expired."})
    assert client.put("/auth/login", json=user_tokens).status_code == 401
    fresh = login(client, "ann@example.com", NEW_PASSWORD)
    assert client.get("/user/", headers=bearer(fresh["access_token"])).status_code == 200


def test_wrong_current_password_is_400(client, user_headers):
    body = {"password_1": "not-my-password", "password_2": NEW_PASSWORD}
    response = client.put("/user/password", json=body, headers=user_headers)
    assert response.status_code == 400
    assert response.json == {"message": "The current password is wrong."}
    assert client.get("/user/", headers=user_headers).status_code == 200
    login(client, "ann@example.com", PASSWORD)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password_1": PASSWORD, "password_2": ""}, "password_2"),
        ({"old_password": PASSWORD, "new_password": ""}, "new_password"),
        ({"password_1": PASSWORD, "password_2": "x" * 129}, "password_2"),
    ],
)
def test_new_password_must_be_1_to_128_characters(client, user_headers, body, field):
    response = client.put("/user/password", json=body, headers=user_headers)
    assert response.status_code == 400
    assert response.json == {
        "message": "The request body is invalid.",
        "errors": {field: ["Must be 1 to 128 characters long."]},
    }
    login(client, "ann@example.com", PASSWORD)


def test_a_raised_minimum_refuses_a_short_new_password(app, client, make_user):
    headers = bearer(make_user("bob@example.com", password="short")["access_token"])
    app.config["PASSWORD_MIN_LENGTH"] = 8
    body = {"password_1": "short", "password_2": "short"}
    response = client.put("/user/password", json=body, headers=headers)
    assert response.status_code == 400
    assert response.json == {
        "message": "The request body is invalid.",
        "errors": {"password_2": ["Must be 8 to 128 characters long."]},
    }
    login(client, "bob@example.com", "short")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"password_1": PASSWORD},
        {"password_1": "", "password_2": NEW_PASSWORD},
        {"password_1": PASSWORD, "new_password": NEW_PASSWORD},
        {
            "password_1": PASSWORD,
            "password_2": NEW_PASSWORD,
            "old_password": PASSWORD,
            "new_password": NEW_PASSWORD,
        },
    ],
)
def test_bad_password_change_is_400(client, user_headers, body):
    response = client.put("/user/password", json=body, headers=user_headers)
    assert response.status_code == 400
    assert response.json["errors"]
    assert client.get("/user/", headers=user_headers).status_code == 200
    login(client, "ann@example.com", PASSWORD)


def test_password_change_ignores_unknown_fields(client, user_headers, query):
    body = {"password_1": PASSWORD, "password_2": NEW_PASSWORD, "role": "admin"}
    response = client.put("/user/password", json=body, headers=user_headers)
    assert (response.status_code, response.json) == (200, None)
    assert profile(query).role == "user"
    login(client, "ann@example.com", NEW_PASSWORD)
