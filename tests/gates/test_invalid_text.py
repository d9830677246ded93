"""Text that is not text: a lone surrogate ("\\ud800", valid JSON) in any string of any body.

No database, hash or token library takes it, and it was a 500 on eleven endpoints. The fuzz
gate never generates one, so this gate sends it: in each named case the call answers as for
any invalid value (400 naming the field; a login form its own wrong-credentials answer;
`PUT /auth/login` the contract's 401), and nothing is written; then every string property of
every body the spec documents gets one, and no answer is a server error.
"""

import pytest

from tests.conftest import sign_in, sign_up
from tests.gates.abuse_support import snapshot

LONE = "\ud800"
NOT_TEXT = ["Not valid text: it holds a lone surrogate (half of a UTF-16 pair)."]
WRITE = "The request body is invalid."
CASSETTE = {"title": "Rambo", "director": "Ted Kotcheff", "released": "1982-10-22"}
AUTO = {"max_speed": 280, "distance": 400, "handler": "Auto Motors", "stock": "Germany"}
PRODUCT = {"name": "Print", "price": "10.00", "quantity_in_stock": 10}


@pytest.fixture
def ann(app, client):
    sign_up(app, "ann", role="admin")
    return sign_in(client, "movies", "ann")


# fmt: off
CASES = [  # (method, path, body, status, answer): one case a line
    ("post", "/auth/register", {"email": "a@example.com", "password": LONE}, 400, {"message": WRITE, "errors": {"password": NOT_TEXT}}),  # noqa: E501
    ("post", "/auth/login", {"email": "ann@example.com", "password": LONE}, 401, {"message": "Invalid email or password."}),  # noqa: E501
    ("post", "/auth/login", {"email": LONE, "password": "x"}, 401, {"message": "Invalid email or password."}),  # noqa: E501
    ("put", "/auth/login", {"refresh_token": LONE}, 401, {"message": "Expired refresh token"}),
    ("post", "/api/auth/signup", {"username": LONE, "password": "123"}, 400, {"message": WRITE, "errors": {"username": NOT_TEXT}}),  # noqa: E501
    ("post", "/api/auth/token", {"username": "ann", "password": LONE}, 400, {"message": "Unable to log in with provided credentials."}),  # noqa: E501
    ("post", "/register", {"username": "carl", "password": LONE}, 400, {"Error": f"password: {NOT_TEXT[0]}"}),  # noqa: E501
    ("post", "/auth", {"username": LONE, "password": "warik"}, 401, {"Error": "Invalid credentials"}),  # noqa: E501
    ("post", "/api/auth", {"username": "ann", "password": LONE}, 401, {"message": "Invalid username or password."}),  # noqa: E501
    ("post", "/api/refresh", {"refresh": LONE}, 401, {"message": "Expired refresh token"}),
    ("patch", "/user/", {"name": f"Ann{LONE}"}, 400, {"message": WRITE, "errors": {"name": NOT_TEXT}}),  # noqa: E501
    ("put", "/user/password", {"password_1": LONE, "password_2": "new"}, 400, {"message": "The current password is wrong."}),  # noqa: E501
    ("put", "/user/password", {"password_1": "correct-horse-9", "password_2": LONE}, 400, {"message": WRITE, "errors": {"password_2": NOT_TEXT}}),  # noqa: E501
    ("post", "/api/cassetes/", {**CASSETTE, "director": LONE}, 400, {"message": WRITE, "errors": {"director": NOT_TEXT}}),  # noqa: E501
    ("post", "/auto/Delorean", {**AUTO, "stock": LONE}, 400, {"Error": f"stock: {NOT_TEXT[0]}"}),
    ("post", "/api/products", {**PRODUCT, "name": LONE}, 400, {"message": WRITE, "errors": {"name": NOT_TEXT}}),  # noqa: E501
    ("post", "/api/order", {"parts": [{"product": LONE, "quantity_in_order": 1}]}, 400, {"message": WRITE, "errors": {"parts": {"0": {"product": NOT_TEXT}}}}),  # noqa: E501
    ("post", "/api/v1/auth/signup/", {"telephone_number": LONE}, 400, {"message": WRITE, "errors": {"telephone_number": NOT_TEXT}}),  # noqa: E501
]
# fmt: on


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "answer"),
    CASES,
    ids=[f"{method}-{path}-{'-'.join(body)}" for method, path, body, *_ in CASES],
)
def test_a_lone_surrogate_gets_the_answer_of_any_invalid_value(
    client, query, ann, method, path, body, status, answer
):
    before = query(snapshot)
    response = getattr(client, method)(path, json=body, headers=ann)
    assert (response.status_code, response.json) == (status, answer)
    assert query(snapshot) == before


def string_properties(schema: dict, definitions: dict) -> list[str]:
    if "$ref" in schema:
        schema = definitions[schema["$ref"].rsplit("/", 1)[1]]
    return [
        name
        for name, prop in schema.get("properties", {}).items()
        if prop.get("type") in (None, "string")
    ]  # noqa: E501


PATH_VALUES = {
    "movie_id": "1", "genre_id": "1", "director_id": "1", "cassette_id": "1", "mark": "BMW",
    "key": "anna", "product_id": "1", "offer_id": "1",
}  # fmt: skip


def test_no_body_the_spec_documents_fails_on_a_lone_surrogate(client, ann):
    spec = client.get("/swagger.json").json
    sent = 0
    for path, operations in spec["paths"].items():
        url = spec.get("basePath", "").rstrip("/") + path.format(**PATH_VALUES)
        for method, operation in operations.items():
            if method == "parameters":  # the path's own, not an operation
                continue
            bodies = [p for p in operation.get("parameters", []) if p.get("in") == "body"]
            for body in bodies:
                for name in string_properties(body["schema"], spec["definitions"]):
                    response = getattr(client, method)(url, json={name: LONE}, headers=ann)
                    assert response.status_code < 500, (method, url, name, response.json)
                    assert response.is_json, (method, url, name)
                    sent += 1
    assert sent > 40  # every documented string property of every body was tried
