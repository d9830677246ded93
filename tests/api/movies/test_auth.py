"""Accounts of seed 004: register, login, refresh, and the rules every token obeys."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest
from sqlalchemy import select

from dao.model.accounts import SpentRefreshToken, User
from helpers import security
from tests.conftest import PASSWORD, bearer, login

SECRET = "test-secret-key-with-enough-length-0123456789"
BAD_TOKEN = "The token is invalid or expired."


def register(client, **body):
    return client.post("/auth/register", json=body)


def test_register_creates_a_user(client, query):
    response = register(client, email="bob@example.com", password=PASSWORD)
    assert response.status_code == 201
    assert response.data == b"null\n"
    assert response.headers["Location"] == "/user/"
    user = query(lambda s: s.get(User, 1))
    assert (user.email, user.role) == ("bob@example.com", "user")
    assert (user.name, user.surname) == (None, None)
    assert user.password_hash != PASSWORD
    assert security.verify_password(PASSWORD, user.password_hash, "pbkdf2:sha256:1000")


def test_register_accepts_a_form_body(client, query):
    response = client.post(
        "/auth/register", data={"email": "form@example.com", "password": PASSWORD}
    )
    assert response.status_code == 201
    assert response.json is None
    assert query(lambda s: s.get(User, 1).email) == "form@example.com"


@pytest.mark.parametrize("password", ["test123", "1", "123"])
def test_a_short_password_registers_and_logs_in(client, password):
    response = register(client, email="bob@example.com", password=password)
    assert response.status_code == 201
    assert response.json is None
    assert set(login(client, "bob@example.com", password)) == {"access_token", "refresh_token"}


def test_a_password_is_stored_exactly_as_sent(client):
    assert register(client, email="bob@example.com", password=" pass word ").status_code == 201
    login(client, "bob@example.com", " pass word ")
    trimmed = client.post("/auth/login", json={"email": "bob@example.com", "password": "pass word"})
    assert trimmed.status_code == 401
    assert trimmed.json == {"message": "Invalid email or password."}


@pytest.mark.parametrize("email", ["bob@example.com", "BOB@Example.COM", " bob@example.com "])
def test_email_taken_in_any_case_is_409(client, query, email):
    register(client, email="bob@example.com", password=PASSWORD)
    response = register(client, email=email, password=PASSWORD)
    assert response.status_code == 409
    assert response.json == {"message": "A user with this email already exists."}
    assert query(lambda s: s.query(User).count()) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [("Émile@example.com", "émile@example.com"), ("Straße@example.com", "STRASSE@example.com")],
)
def test_an_email_is_taken_in_any_case_of_any_alphabet(client, query, first, second):
    register(client, email=first, password=PASSWORD)
    response = register(client, email=second, password=PASSWORD)
    assert (response.status_code, response.json) == (
        409,
        {"message": "A user with this email already exists."},
    )
    assert query(lambda s: [u.email for u in s.query(User)]) == [first]
    assert login(client, second)["access_token"]  # the owner logs in with either spelling


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": PASSWORD}, "email"),
        ({"email": "not-an-email", "password": PASSWORD}, "email"),
        ({"email": "a@b.co" + "x" * 260, "password": PASSWORD}, "email"),
        ({"email": 12, "password": PASSWORD}, "email"),
        ({"email": "bob@example.com"}, "password"),
        ({"email": "bob@example.com", "password": 12345678}, "password"),
    ],
)
def test_bad_registration_is_400_and_writes_nothing(client, query, body, field):
    response = register(client, **body)
    assert response.status_code == 400
    assert field in response.json["errors"]
    assert query(lambda s: s.query(User).count()) == 0


@pytest.mark.parametrize("password", ["", "x" * 129])
def test_registration_password_must_be_1_to_128_characters(client, query, password):
    response = register(client, email="bob@example.com", password=password)
    assert response.status_code == 400
    assert response.json == {
        "message": "The request body is invalid.",
        "errors": {"password": ["Must be 1 to 128 characters long."]},
    }
    assert query(lambda s: s.query(User).count()) == 0


def test_registration_ignores_unknown_fields(client, query):
    body = {"email": "bob@example.com", "password": PASSWORD, "role": "admin", "id": 7}
    response = register(client, **body)
    assert response.status_code == 201
    assert response.json is None
    assert query(lambda s: [(u.id, u.role) for u in s.query(User)]) == [(1, "user")]


def test_a_raised_minimum_refuses_a_short_new_password_but_not_a_login(app, client, query):
    register(client, email="old@example.com", password="short")
    app.config["PASSWORD_MIN_LENGTH"] = 8
    response = register(client, email="bob@example.com", password="short")
    assert response.status_code == 400
    assert response.json == {
        "message": "The request body is invalid.",
        "errors": {"password": ["Must be 8 to 128 characters long."]},
    }
    assert query(lambda s: s.query(User).count()) == 1
    login(client, "old@example.com", "short")


def test_login_returns_a_token_pair(client, make_user):
    make_user("ann@example.com")
    response = client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert set(response.json) == {"access_token", "refresh_token"}
    claims = jwt.decode(response.json["access_token"], SECRET, algorithms=["HS256"])
    assert claims["type"] == "access"
    assert set(claims) == {"sub", "type", "ver", "iat", "exp", "jti"}
    assert claims["exp"] - claims["iat"] == 30 * 60


def test_login_accepts_a_form_body_and_any_email_case(client, make_user):
    make_user("ann@example.com")
    response = client.post("/auth/login", data={"email": "ANN@example.com", "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"email": "ann@example.com", "password": "wrong-password"},
        {"email": "nobody@example.com", "password": PASSWORD},
    ],
)
def test_wrong_email_or_password_is_the_same_401(client, make_user, body):
    make_user("ann@example.com")
    response = client.post("/auth/login", json=body)
    assert response.status_code == 401
    assert response.json == {"message": "Invalid email or password."}


@pytest.mark.parametrize(
    "body",
    [{}, {"email": "ann@example.com"}, {"password": PASSWORD}, {"email": "", "password": ""}],
)
def test_incomplete_login_is_400(client, body):
    response = client.post("/auth/login", json=body)
    assert response.status_code == 400
    assert response.json["errors"]


@pytest.mark.parametrize("password", ["", "x" * 129])
def test_login_password_must_be_1_to_128_characters(client, make_user, password):
    make_user("ann@example.com")
    response = client.post("/auth/login", json={"email": "ann@example.com", "password": password})
    assert response.status_code == 400
    assert response.json == {
        "message": "The request body is invalid.",
        "errors": {"password": ["Must be 1 to 128 characters long."]},
    }


def test_refresh_returns_a_new_pair(client, user_tokens):
    response = client.put("/auth/login", json=user_tokens)
    assert response.status_code == 200
    assert set(response.json) == {"access_token", "refresh_token"}
    assert response.json["refresh_token"] != user_tokens["refresh_token"]
    assert client.get("/user/", headers=bearer(response.json["access_token"])).status_code == 200


def test_refresh_without_access_token_works(client, user_tokens):
    response = client.put("/auth/login/", json={"refresh_token": user_tokens["refresh_token"]})
    assert response.status_code == 200


def test_refresh_ignores_the_authorization_header(client, user_tokens):
    response = client.put(
        "/auth/login/", json=user_tokens, headers={"Authorization": "Bearer stale"}
    )
    assert response.status_code == 200


def test_refresh_token_works_once(client, user_tokens, query):
    assert client.put("/auth/login", json=user_tokens).status_code == 200
    again = client.put("/auth/login", json=user_tokens)
    assert again.status_code == 401
    assert again.json == {"message": "This refresh token has already been used."}
    assert query(lambda s: s.query(SpentRefreshToken).count()) == 1


def signed_claims(**claims) -> str:
    """A refresh token signed with our secret whose claims are `claims` over sound ones."""
    sound = {"sub": "1", "type": "refresh", "ver": 0, "iat": 0, "exp": 2**31, "jti": "j"}
    return jwt.encode({**sound, **claims}, SECRET, algorithm="HS256")


def _token(user_id=1, token_type="refresh", ttl=timedelta(minutes=5), version=0, secret=SECRET):
    return security.issue_token(user_id, version, token_type, ttl, secret, datetime.now(UTC))


@pytest.mark.parametrize(
    "bad_refresh",
    [
        _token(ttl=timedelta(seconds=-1)),
        _token(token_type="access"),
        _token(secret="another-secret-key-of-sufficient-length"),
        "not.a.jwt",
        jwt.encode({"sub": "1", "type": "refresh"}, SECRET, algorithm="HS256"),
        *(signed_claims(exp=exp) for exp in ("2099-01-01", 1e20, 10**30, True, None)),
    ],
    ids=[
        "expired", "access-type", "foreign-signature", "garbage", "no-claims",
        "exp-text", "exp-float", "exp-huge", "exp-bool", "exp-null",
    ],
)  # fmt: skip
def test_unreadable_refresh_token_is_401_expired(client, user_tokens, query, bad_refresh):
    response = client.put("/auth/login", json={"refresh_token": bad_refresh})
    assert response.status_code == 401
    assert response.json == {"message": "Expired refresh token"}
    assert query(lambda s: s.query(SpentRefreshToken).count()) == 0


@pytest.mark.parametrize(
    "bad_refresh", [_token(version=5), _token(user_id=42)], ids=["old-version", "unknown-user"]
)
def test_refresh_token_of_no_current_user_is_401(client, user_tokens, query, bad_refresh):
    response = client.put("/auth/login", json={"refresh_token": bad_refresh})
    assert response.status_code == 401
    assert response.json == {"message": "The token is invalid or expired."}
    assert query(lambda s: s.query(SpentRefreshToken).count()) == 0


def test_refresh_with_another_users_access_token_is_401(client, make_user):
    ann = make_user("ann@example.com")
    bob = make_user("bob@example.com")
    body = {"access_token": bob["access_token"], "refresh_token": ann["refresh_token"]}
    response = client.put("/auth/login", json=body)
    assert response.status_code == 401
    assert response.json == {"message": "The token is invalid or expired."}


def test_refresh_accepts_an_expired_access_token_of_the_same_user(client, user_tokens):
    expired = _token(token_type="access", ttl=timedelta(seconds=-5))
    body = {"access_token": expired, "refresh_token": user_tokens["refresh_token"]}
    assert client.put("/auth/login", json=body).status_code == 200


def test_refresh_with_a_forged_access_token_is_401(client, user_tokens):
    forged = _token(token_type="access", secret="another-secret-key-of-sufficient-length")
    body = {"access_token": forged, "refresh_token": user_tokens["refresh_token"]}
    assert client.put("/auth/login", json=body).status_code == 401


def test_refresh_body_is_validated(client):
    response = client.put("/auth/login", json={"access_token": "x"})
    assert response.status_code == 400
    assert response.json["errors"] == {"refresh_token": ["Missing data for required field."]}


@pytest.mark.parametrize("scheme", ["Bearer", "JWT", "bearer", "jwt"])
def test_guard_accepts_bearer_and_jwt_schemes(client, user_tokens, scheme):
    response = client.get(
        "/user/", headers={"Authorization": f"{scheme} {user_tokens['access_token']}"}
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (None, "Authentication credentials were not provided."),
        ("Bearer", "Authentication credentials were not provided."),
        ("Bearer undefined", "The token is invalid or expired."),
        ("Basic dXNlcjpwYXNz", "The token is invalid or expired."),
        ("Token 0000000000000000000000000000000000000000", "The token is invalid or expired."),
    ],
)
def test_guard_refuses_missing_or_unknown_credentials(client, header, message):
    headers = {"Authorization": header} if header else {}
    response = client.get("/user/", headers=headers)
    assert response.status_code == 401
    assert response.json == {"message": message}


@pytest.mark.parametrize(
    "token",
    [
        _token(token_type="access", ttl=timedelta(seconds=-1)),
        _token(token_type="refresh"),
        _token(token_type="access", secret="another-secret-key-of-sufficient-length"),
        jwt.encode(
            {"sub": "1", "type": "access", "ver": 0, "iat": 0, "exp": 4102444800, "jti": "x"},
            None,
            algorithm="none",
        ),
    ],
    ids=["expired", "refresh-as-access", "tampered", "alg-none"],
)
def test_guard_refuses_bad_access_tokens(client, user_tokens, token):
    response = client.get("/user/", headers=bearer(token))
    assert response.status_code == 401
    assert response.json == {"message": "The token is invalid or expired."}


def test_tampered_payload_is_refused(client, user_tokens):
    header, payload, signature = user_tokens["access_token"].split(".")
    forged_payload = jwt.utils.base64url_encode(b'{"sub":"2","type":"access"}').decode()
    response = client.get("/user/", headers=bearer(f"{header}.{forged_payload}.{signature}"))
    assert response.status_code == 401


def test_a_token_accepted_before_is_refused_once_it_expires(client, user_tokens, outside):
    # The signature's verdict is kept per worker; the expiry must still be checked on every use.
    headers = bearer(user_tokens["access_token"])
    assert client.get("/user/", headers=headers).status_code == 200
    expires = jwt.decode(user_tokens["access_token"], options={"verify_signature": False})["exp"]
    outside.now = lambda: datetime.fromtimestamp(expires + 1, UTC)
    response = client.get("/user/", headers=headers)
    assert response.status_code == 401
    assert response.json == {"message": "The token is invalid or expired."}


def test_a_token_accepted_under_one_secret_is_refused_under_another(
    client, user_tokens, app, monkeypatch
):
    headers = bearer(user_tokens["access_token"])
    assert client.get("/user/", headers=headers).status_code == 200
    monkeypatch.setitem(app.config, "SECRET_KEY", "a-rotated-secret-key-of-sufficient-length-0")
    response = client.get("/user/", headers=headers)
    assert response.status_code == 401
    assert response.json == {"message": "The token is invalid or expired."}


def test_a_deleted_users_tokens_never_name_the_next_user(client, query):
    register(client, email="gone@example.com", password=PASSWORD)
    tokens = login(client, "gone@example.com")

    def delete_gone(session):
        session.delete(session.scalars(select(User).where(User.email == "gone@example.com")).one())
        session.commit()

    query(delete_gone)
    register(client, email="next@example.com", password=PASSWORD)
    assert query(lambda s: s.scalars(select(User.id)).all()) == [2]  # id 1 is not given again
    response = client.get("/user/", headers=bearer(tokens["access_token"]))
    assert (response.status_code, response.json) == (401, {"message": BAD_TOKEN})
    refreshed = client.put("/auth/login", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 401
