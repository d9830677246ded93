"""`GET/PATCH /api/me` (seed 003's roadmap): the shop's view of the one shared identity."""

import pytest

from dao.model.accounts import User
from tests.conftest import PASSWORD, sign_up

ANN = {
    "id": 1,
    "username": "ann",
    "email": "ann@example.com",
    "first_name": None,
    "last_name": None,
}


def stored(query, user_id: int = 1) -> tuple:
    user = query(lambda s: s.get(User, user_id))
    return user.email, user.name, user.surname, user.username


def test_get_me_answers_nulls_until_set(client, ann):
    response = client.get("/api/me", headers=ann)
    assert (response.status_code, response.json) == (200, ANN)


@pytest.mark.parametrize("family", ["movies", "cassettes", "dealer", "shop"])
def test_any_familys_credential_names_the_same_profile(client, signed_in, family):
    response = client.get("/api/me/", headers=signed_in(family, "ann"))
    assert (response.status_code, response.json) == (200, ANN)


def test_patch_changes_names_and_ignores_what_it_does_not_own(client, query, ann):
    body = {"first_name": " Ann ", "last_name": "Lee", "username": "x", "password": "p", "role": 1}
    response = client.patch("/api/me", json=body, headers=ann)
    assert (response.status_code, response.json) == (
        200,
        {**ANN, "first_name": "Ann", "last_name": "Lee"},
    )
    assert stored(query) == ("ann@example.com", "Ann", "Lee", "ann")
    assert (
        client.post("/api/auth", json={"username": "ann", "password": PASSWORD}).status_code == 200
    )
    assert client.get("/user/", headers=ann).json["name"] == "Ann"  # one identity


@pytest.mark.parametrize("cleared", [None, "", "   "])
def test_null_or_blank_clears_a_name(client, query, ann, cleared):
    client.patch("/api/me", json={"first_name": "Ann", "last_name": "Lee"}, headers=ann)
    response = client.patch("/api/me", json={"first_name": cleared}, headers=ann)
    assert (response.status_code, response.json["first_name"]) == (200, None)
    assert stored(query)[1:3] == (None, "Lee")


def test_a_new_email_is_taken_as_sent_and_logs_in(client, query, ann):
    response = client.patch("/api/me", json={"email": " Ann.Lee@Example.com "}, headers=ann)
    assert (response.status_code, response.json["email"]) == (200, "Ann.Lee@Example.com")
    assert stored(query)[0] == "Ann.Lee@Example.com"
    login = {"email": "ann.lee@example.com", "password": PASSWORD}
    assert client.post("/auth/login", json=login).status_code == 200


@pytest.mark.parametrize("email", ["bob@example.com", "BOB@Example.COM"])
def test_another_accounts_email_is_409(app, client, query, ann, email):
    sign_up(app, "bob")
    response = client.patch("/api/me", json={"email": email, "first_name": "X"}, headers=ann)
    assert (response.status_code, response.json) == (
        409,
        {"message": "A user with this email already exists."},
    )
    assert stored(query) == ("ann@example.com", None, None, "ann")


def test_ones_own_email_in_another_case_is_fine(client, query, ann):
    response = client.patch("/api/me", json={"email": "ANN@example.com"}, headers=ann)
    assert (response.status_code, response.json["email"]) == (200, "ANN@example.com")


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"email": ""}, {"email": ["Not a valid email address."]}),
        ({"email": None}, {"email": ["Field may not be null."]}),
        ({"email": "not-an-email"}, {"email": ["Not a valid email address."]}),
        ({"email": "a@b.co" + "x" * 260}, {"email": ["Longer than maximum length 254."]}),
        ({"email": 7}, {"email": ["Not a valid email address."]}),
        ({"first_name": "x" * 101}, {"first_name": ["Longer than maximum length 100."]}),
        ({"last_name": ["Lee"]}, {"last_name": ["Not a valid string."]}),
        (
            {"last_name": "Lee\ud800"},
            {"last_name": ["Not valid text: it holds a lone surrogate (half of a UTF-16 pair)."]},
        ),  # noqa: E501
    ],
)
def test_bad_changes_are_400_and_change_nothing(client, query, ann, body, errors):
    response = client.patch(
        "/api/me", json={**body, "first_name": "Zed"} if "email" in body else body, headers=ann
    )  # noqa: E501
    assert (response.status_code, response.json) == (
        400,
        {"message": "The request body is invalid.", "errors": errors},
    )
    assert stored(query) == ("ann@example.com", None, None, "ann")


@pytest.mark.parametrize("method", ["get", "patch"])
def test_me_needs_a_credential(client, method):
    response = getattr(client, method)("/api/me", json={"first_name": "X"})
    assert (response.status_code, response.json) == (
        401,
        {"message": "Authentication credentials were not provided."},
    )
