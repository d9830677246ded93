"""Car dealer accounts (seed 001): `/register`, `/auth`, and the guard's `{"Error": ...}` 401s."""

from datetime import UTC, datetime, timedelta

import jwt
import pytest

from dao.model.accounts import User
from helpers import security
from helpers.container import auth_service
from tests.conftest import PASSWORD, bearer

SECRET = "test-secret-key-with-enough-length-0123456789"
PROTECTED = [
    ("get", "/stock"),
    ("get", "/auto/BMW"),
    ("post", "/auto/BMW"),
    ("put", "/auto/BMW"),
    ("patch", "/auto/BMW"),
    ("delete", "/auto/BMW"),
]


def register(client, **body):
    return client.post("/register", json=body)


def log_in(client, **body):
    return client.post("/auth", json=body)


def jwt_header(token: str) -> dict:
    return {"Authorization": f"JWT {token}"}


def users(query) -> list[tuple]:
    return query(lambda s: [(u.username, u.email) for u in s.query(User).order_by(User.id)])


@pytest.mark.parametrize("path", ["/register", "/register/"])
def test_register_creates_an_account(client, query, path):
    response = client.post(path, json={"username": "carl", "password": PASSWORD})
    assert response.status_code == 201
    assert response.json == {"Message": "User created. Try to auth"}
    user = query(lambda s: s.get(User, 1))
    assert (user.username, user.email, user.role) == ("carl", None, "user")
    assert security.verify_password(PASSWORD, user.password_hash, "pbkdf2:sha256:1000")


def test_register_trims_the_username_and_accepts_a_form_body(client, query):
    response = client.post("/register", data={"username": " carl ", "password": PASSWORD})
    assert response.status_code == 201
    assert users(query) == [("carl", None)]


def test_registration_never_echoes_the_password(client):
    response = register(client, username="carl", password=PASSWORD)
    assert PASSWORD not in response.get_data(as_text=True)


def test_taken_username_is_400(client, query):
    register(client, username="carl", password=PASSWORD)
    response = register(client, username="carl", password="another-password-1")
    assert response.status_code == 400
    assert response.json == {"Error": "User already exists"}
    assert users(query) == [("carl", None)]


def test_username_created_by_another_family_is_taken(app, client, query):
    with app.app_context():
        auth_service.register(PASSWORD, username="carl")
    response = register(client, username="carl", password=PASSWORD)
    assert response.status_code == 400
    assert response.json == {"Error": "User already exists"}
    assert users(query) == [("carl", None)]


def test_usernames_differ_by_case(client, query):
    register(client, username="carl", password=PASSWORD)
    assert register(client, username="Carl", password=PASSWORD).status_code == 201
    assert users(query) == [("carl", None), ("Carl", None)]


def test_the_seeds_own_example_username_registers(client, query):
    response = register(client, username="Some user", password="Some password")
    assert response.status_code == 201
    assert users(query) == [("Some user", None)]


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            {},
            "username: Missing data for required field. password: Missing data for required field.",
        ),
        ({"password": PASSWORD}, "username: Missing data for required field."),
        ({"username": "carl"}, "password: Missing data for required field."),
        ({"username": None, "password": PASSWORD}, "username: Field may not be null."),
        ({"username": 12, "password": PASSWORD}, "username: Not a valid string."),
        (
            {"username": "", "password": PASSWORD},
            "username: Length must be between 1 and 150. Control characters are not allowed.",
        ),
        (
            {"username": "x" * 151, "password": PASSWORD},
            "username: Length must be between 1 and 150.",
        ),
        (
            {"username": "bad\nname", "password": PASSWORD},
            "username: Control characters are not allowed.",
        ),
        ({"username": "carl", "password": ""}, "password: Must be 1 to 128 characters long."),
        (
            {"username": "carl", "password": "x" * 129},
            "password: Must be 1 to 128 characters long.",
        ),
        ({"username": "carl", "password": 12345678}, "password: Not a valid string."),
    ],
)
def test_bad_registration_is_400_naming_the_field(client, query, body, error):
    response = client.post("/register", json=body)
    assert response.status_code == 400
    assert response.json == {"Error": error}
    assert users(query) == []


def test_the_postman_collections_short_password_registers_and_logs_in(client, query):
    response = register(client, username="warik", password="warik")
    assert response.status_code == 201
    assert response.json == {"Message": "User created. Try to auth"}
    assert users(query) == [("warik", None)]
    token = log_in(client, username="warik", password="warik")
    assert token.status_code == 200
    assert list(token.json) == ["access_token"]
    assert client.get("/stock", headers=jwt_header(token.json["access_token"])).json == {
        "Error": "No one autos found in DataBase"
    }


def test_a_deployment_may_raise_the_password_minimum(app, client, query):
    app.config["PASSWORD_MIN_LENGTH"] = 8
    response = register(client, username="warik", password="warik")
    assert response.status_code == 400
    assert response.json == {"Error": "password: Must be 8 to 128 characters long."}
    assert users(query) == []


def test_unknown_registration_fields_are_ignored_and_not_stored(client, query):
    body = {"username": "carl", "password": PASSWORD, "role": "admin", "email": "c@example.com"}
    response = client.post("/register", json=body)
    assert response.status_code == 201
    assert response.json == {"Message": "User created. Try to auth"}
    assert query(lambda s: [(u.username, u.email, u.role) for u in s.query(User)]) == [
        ("carl", None, "user")
    ]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        (
            {"data": "{not json", "content_type": "application/json"},
            "Malformed request body: send a valid JSON object.",
        ),
        ({"json": ["carl", PASSWORD]}, "The request body must be a JSON object."),
        (
            {"data": "x" * (1024 * 1024 + 1), "content_type": "application/json"},
            "The request body is too large (the limit is 1 MiB).",
        ),
    ],
)
def test_unreadable_registration_body_answers_an_error(client, query, kwargs, error):
    response = client.post("/register", **kwargs)
    assert response.status_code in (400, 413)
    assert response.json == {"Error": error}
    assert users(query) == []


def test_registration_is_limited_per_address(client):
    statuses = [
        register(client, username=f"user{i}", password=PASSWORD).status_code for i in range(30)
    ]
    assert statuses == [201] * 30
    response = register(client, username="late", password=PASSWORD)
    assert response.status_code == 429
    assert response.json == {"Error": "Too many requests. Try again later."}


@pytest.mark.parametrize("path", ["/auth", "/auth/"])
def test_auth_returns_an_access_token(client, query, path):
    register(client, username="carl", password=PASSWORD)
    response = client.post(path, json={"username": "carl", "password": PASSWORD})
    assert response.status_code == 200
    assert list(response.json) == ["access_token"]
    claims = jwt.decode(response.json["access_token"], SECRET, algorithms=["HS256"])
    assert (claims["sub"], claims["type"]) == ("1", "access")


def test_auth_accepts_a_form_body(client):
    register(client, username="carl", password=PASSWORD)
    response = client.post("/auth", data={"username": "carl", "password": PASSWORD})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        {"username": "carl", "password": "wrong-password"},
        {"username": "nobody", "password": PASSWORD},
        {"username": "CARL", "password": PASSWORD},
    ],
)
def test_wrong_credentials_are_401(client, body):
    register(client, username="carl", password=PASSWORD)
    response = log_in(client, **body)
    assert response.status_code == 401
    assert response.json == {"Error": "Invalid credentials"}


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (
            {},
            "username: Missing data for required field. password: Missing data for required field.",
        ),
        ({"username": "carl"}, "password: Missing data for required field."),
        ({"username": "", "password": PASSWORD}, "username: Length must be between 1 and 254."),
        ({"username": ["carl"], "password": PASSWORD}, "username: Not a valid string."),
        ({"username": "carl", "password": None}, "password: Field may not be null."),
        ({"username": "carl", "password": ""}, "password: Must be 1 to 128 characters long."),
    ],
)
def test_incomplete_auth_is_400_naming_the_field(client, body, error):
    response = log_in(client, **body)
    assert response.status_code == 400
    assert response.json == {"Error": error}


def test_unknown_auth_fields_are_ignored(client, query):
    register(client, username="carl", password=PASSWORD)
    response = log_in(client, username="carl", password=PASSWORD, x=1, role="admin")
    assert response.status_code == 200
    assert list(response.json) == ["access_token"]
    assert query(lambda s: s.get(User, 1).role) == "user"


def test_failed_logins_are_limited_per_account(client):
    register(client, username="carl", password=PASSWORD)
    register(client, username="dana", password=PASSWORD)
    statuses = [
        log_in(client, username="carl", password="wrong-pass").status_code for _ in range(10)
    ]
    assert statuses == [401] * 10
    blocked = log_in(client, username="carl", password=PASSWORD)
    assert blocked.status_code == 429
    assert blocked.json == {"Error": "Too many requests. Try again later."}
    assert log_in(client, username="dana", password=PASSWORD).status_code == 200


@pytest.mark.parametrize("scheme", ["JWT", "Bearer", "jwt", "bearer"])
def test_the_token_works_as_jwt_or_bearer(client, scheme):
    register(client, username="carl", password=PASSWORD)
    token = log_in(client, username="carl", password=PASSWORD).json["access_token"]
    response = client.get("/auto/BMW", headers={"Authorization": f"{scheme} {token}"})
    assert response.status_code == 404
    assert response.json == {"Error": "Auto with that mark not found"}


def test_a_registered_dealer_uses_the_movie_catalog_profile(client):
    register(client, username="carl", password=PASSWORD)
    token = log_in(client, username="carl", password=PASSWORD).json["access_token"]
    response = client.get("/user/", headers=jwt_header(token))
    assert response.status_code == 200
    assert response.json["id"] == 1


def test_an_account_of_another_family_logs_in_here(app, client):
    with app.app_context():
        auth_service.register(PASSWORD, username="vhs_fan")
        auth_service.register(PASSWORD, email="ann@example.com")
    assert log_in(client, username="vhs_fan", password=PASSWORD).status_code == 200
    assert log_in(client, username="ann@example.com", password=PASSWORD).status_code == 200


def test_a_movie_catalog_token_works_here(client, user_tokens):
    response = client.get("/stock", headers=bearer(user_tokens["access_token"]))
    assert response.status_code == 400
    assert response.json == {"Error": "No one autos found in DataBase"}


def expired_token(app) -> str:
    with app.app_context():
        user = auth_service.register(PASSWORD, username="carl")
        a_while_ago = datetime.now(UTC) - timedelta(seconds=5)
        return security.issue_token(user.id, 0, security.ACCESS, timedelta(0), SECRET, a_while_ago)


@pytest.mark.parametrize(("method", "path"), PROTECTED)
@pytest.mark.parametrize(
    ("header", "error"),
    [
        (None, "Authentication credentials were not provided."),
        ("JWT", "Authentication credentials were not provided."),
        ("JWT not-a-token", "The token is invalid or expired."),
        ("Bearer not-a-token", "The token is invalid or expired."),
        ("Basic Y2FybDpwYXNz", "The token is invalid or expired."),
        ("expired", "The token is invalid or expired."),
    ],
)
def test_autos_and_stock_need_a_valid_token(app, client, method, path, header, error):
    if header == "expired":
        header = f"JWT {expired_token(app)}"
    headers = {"Authorization": header} if header else {}
    response = getattr(client, method)(path, headers=headers, json={})
    assert response.status_code == 401
    assert response.json == {"Error": error}


def test_a_refresh_token_is_not_an_access_token(app, client, user_tokens):
    response = client.get("/stock", headers=jwt_header(user_tokens["refresh_token"]))
    assert response.status_code == 401
    assert response.json == {"Error": "The token is invalid or expired."}
