"""The examples of `/swagger.json` (issue 19): Swagger UI's "Try it out" fills each request body
from them, and invents text where a pattern has no example (a login email of `6)|?Una~V(hY?`).

So every writable property of every model has an example, and every default body works as is:
built as Swagger UI builds it (each property's example, nested objects and arrays followed,
read-only properties left out) and sent in process on the bundled demo data, it gets the
operation's success answer. Sent in the order a user would try them: register and log in with
the same example account, the profile, a favorite, then the shop's login with that account and
the example order; each family's own sign-up, login and writes; the admin's writes.
"""

import re
from datetime import UTC, datetime

import pytest

from dao.model import db
from service.cassettes import load_cassettes
from service.dealer import load_autos
from service.referral.phone_login import load_phone_users
from service.seed import load_demo
from service.shop.offers import load_offers
from service.shop.products import load_products
from tests.conftest import bearer

# The models of the operations' JSON bodies, each sent by a test below.
SENT_HERE = {
    "Register", "Login", "ProfileChanges", "PasswordChange", "Refresh",
    "ShopLogin", "Order", "ShopProfileChanges", "ShopRefresh",
    "CodeRequest", "PhoneLogin", "ReferralProfileChanges",
    "VhsSignup", "VhsLogin", "Cassette", "CassetteChanges",
    "DealerSignup", "DealerLogin", "DealerAuto", "DealerAutoChanges",
    "Movie", "MovieChanges", "Genre", "GenreChanges", "Director", "DirectorChanges",
    "Product", "ProductChanges", "Offer", "OfferChanges",
}  # fmt: skip
MOVIE = 1  # the catalog's first movie, as a favorite
# When the examples' order is placed: offer 2 (15 % off product 1) is active since 2026-11-01.
ORDER_TIME = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def spec(client) -> dict:
    return client.get("/swagger.json").json


@pytest.fixture
def demo_data(app):
    """The rest of the bundled data.db besides the movies: its users 1 to 3 are the phone
    login's, so an account registered next is user 4, as the examples say."""
    with app.app_context():
        load_demo(
            db.session, load_phone_users, load_products, load_offers, load_autos, load_cassettes
        )
        db.session.commit()


def example_of(schema: dict, definitions: dict, where: str):
    """The value Swagger UI fills in for `schema`: its example, or one built from its parts."""
    if "$ref" in schema:
        where = schema["$ref"].rsplit("/", 1)[1]
        schema = definitions[where]
    if "example" in schema:
        return schema["example"]
    if schema.get("type") == "array":
        return [example_of(schema["items"], definitions, f"{where}[]")]
    assert "properties" in schema, f"{where} has no example"
    return {
        name: example_of(prop, definitions, f"{where}.{name}")
        for name, prop in schema["properties"].items()
        if not prop.get("readOnly")
    }


def operation_of(spec: dict, method: str, url: str) -> dict:
    """The operation documented for `method` on the concrete `url`."""
    for template, operations in spec["paths"].items():
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, url) and method in operations:
            return operations[method]
    raise AssertionError(f"{method.upper()} {url} is not documented")


def body_model(operation: dict) -> str | None:
    bodies = [p for p in operation.get("parameters", []) if p.get("in") == "body"]
    return bodies[0]["schema"]["$ref"].rsplit("/", 1)[1] if bodies else None


def default_body(spec: dict, method: str, url: str):
    model = body_model(operation_of(spec, method, url))
    assert model is not None, f"{method.upper()} {url} takes no body"
    return example_of({"$ref": f"#/definitions/{model}"}, spec["definitions"], model)


def example(spec: dict, model: str, field: str):
    return spec["definitions"][model]["properties"][field]["example"]


@pytest.fixture
def send(client, spec):
    """`send(method, url, headers)`: the call with the operation's default body, its answer."""

    def send(method: str, url: str, headers: dict | None = None):
        body = default_body(spec, method, url)
        return getattr(client, method)(url, json=body, headers=headers or {})

    return send


def test_every_writable_property_has_an_example(spec):
    missing = [
        f"{name}.{prop}"
        for name, model in spec["definitions"].items()
        for prop, schema in model.get("properties", {}).items()
        if "example" not in schema and not schema.get("readOnly")
    ]
    assert missing == []


def test_every_body_of_the_spec_is_sent_here(spec):
    documented = {
        body_model(operation)
        for operations in spec["paths"].values()
        for method, operation in operations.items()
        if method != "parameters" and body_model(operation)
    }
    assert documented == SENT_HERE


def test_the_register_and_login_examples_are_one_account(spec):
    register = default_body(spec, "post", "/auth/register")
    assert default_body(spec, "post", "/auth/login") == register
    for url in ("/api/auth", "/api/auth/token", "/auth"):
        login = default_body(spec, "post", url)
        assert login == {"username": register["email"], "password": register["password"]}


def test_the_users_path_from_register_to_an_order(client, spec, send, demo_data, outside):
    outside.now = lambda: ORDER_TIME
    registered = send("post", "/auth/register")
    assert (registered.status_code, registered.json) == (201, None)

    logged_in = send("post", "/auth/login")
    assert logged_in.status_code == 200
    movies = bearer(logged_in.json["access_token"])
    profile = client.get("/user/", headers=movies)
    assert profile.status_code == 200
    assert profile.json["email"] == example(spec, "Register", "email")
    assert profile.json["id"] == example(spec, "Profile", "id")

    changed = send("patch", "/user/", movies)
    assert changed.status_code == 200
    assert changed.json["favourite_genre"] == example(spec, "ProfileChanges", "favourite_genre")

    favorite = client.post(f"/favorites/movies/{MOVIE}", headers=movies)
    assert (favorite.status_code, favorite.json) == (200, None)
    assert [m["id"] for m in client.get("/favorites/movies/", headers=movies).json] == [MOVIE]

    shop_login = send("post", "/api/auth")
    assert shop_login.status_code == 200
    shop = bearer(shop_login.json["access"])
    me = send("patch", "/api/me", shop)
    assert me.status_code == 200
    assert me.json["email"] == example(spec, "Register", "email")

    placed = send("post", "/api/order", shop)
    assert placed.status_code == 201, placed.json
    assert placed.json["parts"] == example(spec, "PlacedOrder", "parts")
    for field in ("subtotal", "discount", "total"):
        assert placed.json[field] == example(spec, "PlacedOrder", field)
    assert [o["id"] for o in client.get("/api/my-orders", headers=shop).json] == [placed.json["id"]]

    new_password = send("put", "/user/password", movies)
    assert (new_password.status_code, new_password.json) == (200, None)
    relogin = {
        "email": example(spec, "Login", "email"),
        "password": example(spec, "PasswordChange", "password_2"),
    }
    assert client.post("/auth/login", json=relogin).status_code == 200


def test_the_token_examples_are_read_and_refused_as_not_ours(send):
    for method, url in (("put", "/auth/login"), ("post", "/api/refresh")):
        response = send(method, url)
        assert (response.status_code, response.json) == (401, {"message": "Expired refresh token"})


@pytest.mark.parametrize("method", ["patch", "post"])
def test_the_phone_login_and_profile_examples(client, spec, send, demo_data, outside, method):
    outside.phone_code = lambda: example(spec, "PhoneLogin", "code")
    sent = send("post", "/api/v1/auth/signup")
    assert sent.status_code == 200
    assert sent.json == {"Ваш код активации": example(spec, "PhoneLogin", "code")}

    logged_in = send("post", "/api/v1/auth/code")
    assert logged_in.status_code == 200
    invite = "Ваш инвайт код"
    assert logged_in.json[invite] == example(spec, "PhoneLoginResult", invite)

    headers = {"Authorization": f"Token {logged_in.json['Ваш токен']}"}
    username = example(spec, "ReferralProfileChanges", "username")
    changed = send(method, f"/api/v1/users/{username}", headers)
    assert changed.status_code == 200, changed.json
    assert changed.json == {
        name: example(spec, "ReferralProfile", name)
        for name in spec["definitions"]["ReferralProfile"]["properties"]
    }


def test_the_cassette_shops_examples(client, spec, send, demo_data):
    signed_up = send("post", "/api/auth/signup")
    assert signed_up.status_code == 201
    assert signed_up.json["user"] == example(spec, "VhsToken", "user")

    logged_in = send("post", "/api/auth/token")
    assert logged_in.status_code == 200
    assert logged_in.json["token"] == signed_up.json["token"]
    headers = {"Authorization": f"Token {logged_in.json['token']}"}

    created = send("post", "/api/cassetes/", headers)
    assert created.status_code == 201
    assert created.json["title"] == example(spec, "Cassette", "title")
    url = f"/api/cassetes/{created.json['id']}"
    assert send("put", url, headers).status_code == 200
    assert send("patch", url, headers).status_code == 204


def test_the_car_dealers_examples(spec, send, demo_data):
    signed_up = send("post", "/register")
    assert (signed_up.status_code, signed_up.json) == (
        201,
        {"Message": "User created. Try to auth"},
    )

    logged_in = send("post", "/auth")
    assert logged_in.status_code == 200
    headers = {"Authorization": f"JWT {logged_in.json['access_token']}"}

    created = send("post", "/auto/Ferrari F8", headers)
    assert (created.status_code, created.json) == (201, {"Message": "Auto created"})
    known = example(spec, "DealerAuto", "mark")
    for method in ("put", "patch"):
        updated = send(method, f"/auto/{known}", headers)
        assert (updated.status_code, updated.json) == (202, {"Message": "Auto updated"})


@pytest.mark.parametrize(
    ("collection", "field"),
    [
        ("/movies/", "title"),
        ("/genres/", "name"),
        ("/directors/", "name"),
        ("/api/products/", "price"),
        ("/api/offers/", "kind"),
    ],
)
def test_the_admins_examples(spec, send, demo_data, admin_headers, collection, field):
    created = send("post", collection, admin_headers)
    assert created.status_code == 201, created.json
    model = body_model(operation_of(spec, "post", collection))
    assert created.json[field] == example(spec, model, field)

    url = f"{collection}{created.json['id']}"
    methods = ("patch",) if collection == "/api/offers/" else ("put", "patch")
    for method in methods:
        updated = send(method, url, admin_headers)
        assert updated.status_code == 200, (method, updated.json)
        assert updated.json[field] == example(spec, model, field)
