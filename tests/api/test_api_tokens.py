"""Opaque API tokens (`Authorization: Token <key>`): one per user, stored only as a digest."""

import re

import pytest

from dao.model.accounts import ApiToken
from helpers.container import auth_service, user_dao
from tests.conftest import PASSWORD


def issue_key(app, email="ann@example.com") -> str:
    with app.app_context():
        user = user_dao.get_by_email(email) or auth_service.register(PASSWORD, email=email)
        return auth_service.api_key_for(user)


def test_token_scheme_authenticates_on_protected_endpoints(app, client):
    key = issue_key(app)
    assert re.fullmatch(r"[0-9a-f]{40}", key)
    response = client.get("/user/", headers={"Authorization": f"Token {key}"})
    assert response.status_code == 200
    assert response.json["email"] == "ann@example.com"


def test_the_same_key_until_revoked_and_only_its_digest_stored(app, query):
    key = issue_key(app)
    assert issue_key(app) == key
    stored = query(lambda s: [(t.seed, t.key_hash) for t in s.query(ApiToken)])
    assert len(stored) == 1
    assert key not in stored[0]


def test_revoked_key_stops_working_and_a_new_one_differs(app, client):
    key = issue_key(app)
    with app.app_context():
        auth_service.revoke_api_key(user_dao.get_by_email("ann@example.com"))
    assert client.get("/user/", headers={"Authorization": f"Token {key}"}).status_code == 401
    assert issue_key(app) != key


def test_password_change_revokes_the_key(app, client, query):
    key = issue_key(app)
    headers = {"Authorization": f"Token {key}"}
    body = {"password_1": PASSWORD, "password_2": "brand-new-pass-1"}
    response = client.put("/user/password", json=body, headers=headers)
    assert (response.status_code, response.json) == (200, None)
    assert client.get("/user/", headers=headers).status_code == 401
    assert query(lambda s: s.query(ApiToken).count()) == 0


@pytest.mark.parametrize(("method", "path"), [("get", "/user/"), ("get", "/api/my-orders")])
def test_a_key_whose_user_is_gone_is_refused(app, client, monkeypatch, method, path):
    key = issue_key(app)
    monkeypatch.setattr(user_dao, "get_detached", lambda user_id: None)  # deleted meanwhile
    response = getattr(client, method)(path, headers={"Authorization": f"Token {key}"})
    assert (response.status_code, response.json) == (
        401,
        {"message": "The token is invalid or expired."},
    )
