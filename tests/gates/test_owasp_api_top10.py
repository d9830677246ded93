"""The abuse gate: the OWASP API Security Top 10 (2023), item by item, on every family.

Each test is named for its item (`test_api1_...` to `test_api9_...`) and asserts the status,
the exact JSON answer and the state left in the database (a snapshot of every table, unchanged
after a refused request).

- API1 Broken Object Level Authorization: orders, profiles, favorites and tokens act only for
  their owner. Cassettes and autos are shared stock that any signed-in user manages (the seeds
  say so): they have no owner to check.
- API2 Broken Authentication: forged, expired, `alg: none`, wrong-type, stale and revoked
  credentials; refresh tokens work once; password guessing (short passwords included, counted
  per account across every login form) and code guessing end in 429 + Retry-After.
- API3 Broken Object Property Level Authorization: no answer carries a password, a hash, a key
  seed or an internal field; a write ignores every field it does not own (mass assignment):
  it answers and stores what the same write without them does.
- API4 Unrestricted Resource Consumption: page sizes, body sizes, string lengths, nesting.
- API5 Broken Function Level Authorization: catalog and product writes are for admins only.
- API6 Unrestricted Access to Sensitive Business Flows: stock, idempotent retries, phone codes.
- API7 Server Side Request Forgery: URLs and injection-shaped text are data, stored verbatim,
  never fetched or executed.
- API8 Security Misconfiguration: security headers, CORS off, errors without internals, no
  server version.
- API9 Improper Inventory Management: every route is in /swagger.json, nothing undocumented.
- API10 Unsafe Consumption of APIs: the service consumes no third-party API. Phone numbers are
  parsed offline (`phonenumbers`) and the SMS sender is a local class chosen by configuration;
  nothing is read back from another service, so there is nothing to test here.

Rate limits across several worker processes (Redis) are in test_shared_rate_limits.py, and a
crash in the middle of an order storm in test_durability.py.
"""

import base64
import json
import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update
from werkzeug.security import check_password_hash

from dao.model import db
from dao.model.accounts import ApiToken, User
from dao.model.cassettes import Cassette
from dao.model.dealer import Auto
from dao.model.movies import Movie
from dao.model.referral import PhoneCode
from dao.model.shop import Order, OrderPart, Product
from helpers.container import auth_service, movie_service, order_service
from service.referral.phone_login import BURNT, RESEND_LATER, WRONG_CODE
from tests.conftest import PASSWORD, bearer, build_app, sign_in, sign_up
from tests.conftest import _shared_app as reset_shared_app
from tests.gates.abuse_support import (
    ADMINS_ONLY,
    AUTO,
    BAD_TOKEN,
    CASSETTE,
    INVALID_BODY,
    MOVIE,
    NO_CREDENTIALS,
    PRODUCT,
    TOO_MANY,
    NetworkGuard,
    error,
    forge,
    snapshot,
)
from tests.live import live_server
from tests.referral_support import (
    ANN,
    BOB,
    CODE_KEY,
    LOGIN,
    SIGNUP,
    USERS,
    install_clock,
    log_in,
    phone_login,
    sent_code,
    token,
    wrong,
)
from tests.shop_data import add_product


@pytest.fixture
def ann(app) -> int:
    return sign_up(app, "ann")


@pytest.fixture
def bob(app) -> int:
    return sign_up(app, "bob")


@pytest.fixture
def root(app) -> int:
    return sign_up(app, "root", role="admin")


@pytest.fixture
def print_id(app) -> int:
    return add_product(app, "Print", "10.00", 10)


@pytest.fixture
def clock(outside):
    return install_clock(outside)


def order_of(product: int, quantity: int = 1) -> dict:
    return {"parts": [{"product": product, "quantity_in_order": quantity}]}


def send(client, method: str, path: str, body=None, **kwargs):
    return getattr(client, method)(path, json=body, **kwargs)


# API1:2023 Broken Object Level Authorization ---------------------------------------------------


def test_api1_my_orders_and_idempotency_keys_are_per_user(client, query, ann, bob, print_id):
    ann_headers, bob_headers = sign_in(client, "shop", "ann"), sign_in(client, "shop", "bob")
    key = {"Idempotency-Key": "checkout-1"}
    placed = client.post("/api/order", json=order_of(print_id, 2), headers={**ann_headers, **key})
    assert placed.status_code == 201

    listed = client.get("/api/my-orders", headers=bob_headers)
    assert (listed.status_code, listed.json) == (200, [])
    # Bob sending Ann's key gets his own new order, never a replay of hers.
    replay = client.post("/api/order", json=order_of(print_id, 2), headers={**bob_headers, **key})
    assert replay.status_code == 201
    assert "Idempotent-Replayed" not in replay.headers
    assert (replay.json["user"], replay.json["id"]) == (bob, placed.json["id"] + 1)
    orders = query(lambda s: sorted((o.id, o.user_id) for o in s.scalars(select(Order))))
    assert orders == [(placed.json["id"], ann), (replay.json["id"], bob)]
    assert query(lambda s: s.get(Product, print_id).quantity_in_stock) == 6


@pytest.mark.parametrize("method", ["patch", "post"])
@pytest.mark.parametrize("key", [ANN, "8 929 828-43-01", "annie", "annie/"])
def test_api1_only_the_owner_changes_a_phone_profile(client, query, bob, method, key):
    owner = token(phone_login(client, ANN))
    assert (
        client.patch(f"{USERS}{ANN}/", json={"username": "annie"}, headers=owner).status_code == 200
    )
    intruder = sign_in(client, "shop", "bob")
    before = query(snapshot)

    response = send(client, method, f"{USERS}{key}", {"first_name": "Mallory"}, headers=intruder)
    assert response.status_code == 403
    assert response.json == {"message": "Only the owner may change this profile."}
    assert query(snapshot) == before


def test_api1_favorites_belong_to_their_user(client, query, ann, bob):
    ann_headers, bob_headers = sign_in(client, "movies", "ann"), sign_in(client, "movies", "bob")
    added = client.post("/favorites/movies/1", headers=ann_headers)
    assert (added.status_code, added.json) == (200, None)
    listed = client.get("/favorites/movies/", headers=bob_headers)
    assert (listed.status_code, listed.json) == (200, [])
    before = query(snapshot)

    removed = client.delete("/favorites/movies/1", headers=bob_headers)
    assert removed.status_code == 404
    assert removed.json == {"message": "Movie 1 is not among your favorites."}
    assert query(snapshot) == before
    assert [
        movie["id"] for movie in client.get("/favorites/movies/", headers=ann_headers).json
    ] == [1]


def test_api1_tokens_act_only_for_their_owner(client, query, ann, bob):
    ann_key = sign_in(client, "cassettes", "ann")
    bob_key = sign_in(client, "cassettes", "bob")
    assert client.delete("/api/auth/token", headers=bob_key).status_code == 204
    assert client.get("/user/", headers=ann_key).json["email"] == "ann@example.com"
    ann_pair = client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    bob_pair = client.post("/auth/login", json={"email": "bob@example.com", "password": PASSWORD})
    before = query(snapshot)

    # Bob's access token with Ann's refresh token: refused, and her token is not spent.
    mixed = client.put(
        "/auth/login",
        json={
            "access_token": bob_pair.json["access_token"],
            "refresh_token": ann_pair.json["refresh_token"],
        },
    )
    assert (mixed.status_code, mixed.json) == (401, {"message": BAD_TOKEN})
    assert query(snapshot) == before
    own = client.put("/auth/login", json={"refresh_token": ann_pair.json["refresh_token"]})
    assert own.status_code == 200


# API2:2023 Broken Authentication ---------------------------------------------------------------

OTHER_SECRET = "another-secret-key-of-sufficient-length-0123"
BASIC = "Basic " + base64.b64encode(f"ann:{PASSWORD}".encode()).decode()


def _tampered(context: dict) -> str:
    """Ann's real token with its payload swapped for the admin's id; the signature kept.

    Every other claim is valid for the admin (version 1, far expiry): only the signature is off.
    """
    header, _, signature = forge(context["secret"], context["ann"], ver=1).split(".")
    claims = {"sub": str(context["root"]), "type": "access", "ver": 1, "iat": 0, "exp": 4102444800}
    payload = base64.urlsafe_b64encode(json.dumps({**claims, "jti": "x"}).encode())
    return f"Bearer {header}.{payload.decode().rstrip('=')}.{signature}"


CREDENTIALS = {
    "missing": (lambda c: None, NO_CREDENTIALS),
    "scheme-only": (lambda c: "Bearer", NO_CREDENTIALS),
    "garbage": (lambda c: "Bearer undefined", BAD_TOKEN),
    "basic-password": (lambda c: BASIC, BAD_TOKEN),
    "tampered-payload": (_tampered, BAD_TOKEN),
    "other-secret": (lambda c: f"Bearer {forge(OTHER_SECRET, c['ann'], ver=1)}", BAD_TOKEN),
    "alg-none": (lambda c: f"JWT {forge('', c['ann'], 'none', ver=1)}", BAD_TOKEN),
    "alg-hs512": (lambda c: f"Bearer {forge(c['secret'], c['ann'], 'HS512', ver=1)}", BAD_TOKEN),
    "expired": (
        lambda c: f"Bearer {forge(c['secret'], c['ann'], ver=1, iat=1, exp=2)}",
        BAD_TOKEN,
    ),
    "refresh-as-access": (
        lambda c: f"Bearer {forge(c['secret'], c['ann'], ver=1, type='refresh')}",
        BAD_TOKEN,
    ),
    "no-version-claim": (lambda c: f"Bearer {forge(c['secret'], c['ann'], ver=None)}", BAD_TOKEN),
    "before-password-change": (lambda c: f"Bearer {forge(c['secret'], c['ann'])}", BAD_TOKEN),
    "deleted-user": (lambda c: f"Bearer {forge(c['secret'], 9999)}", BAD_TOKEN),
    "unknown-api-key": (lambda c: "Token " + "0" * 40, BAD_TOKEN),
    "revoked-api-key": (lambda c: f"Token {c['revoked_key']}", BAD_TOKEN),
}
GUARDED = [
    pytest.param("patch", "/user/", {"name": "Mallory"}, id="movies-profile"),
    pytest.param("post", "/movies/", MOVIE, id="movies-admin"),
    pytest.param("post", "/api/cassetes/", CASSETTE, id="cassettes"),
    pytest.param("post", "/auto/Mallory", AUTO, id="dealer"),
    pytest.param("patch", f"{USERS}ann/", {"first_name": "Mallory"}, id="phone-profiles"),
    pytest.param("post", "/api/order", order_of(1), id="shop-orders"),
]


@pytest.mark.parametrize("kind", list(CREDENTIALS))
@pytest.mark.parametrize(("method", "path", "body"), GUARDED)
def test_api2_bad_credentials_are_401_on_every_family(
    app, client, query, ann, root, print_id, kind, method, path, body
):
    with app.app_context():
        user = auth_service.users.get(ann)
        revoked_key = auth_service.api_key_for(user)
        auth_service.revoke_api_key(user)
    # Ann changed her password once: her tokens now carry version 1.
    query(lambda s: (s.execute(update(User).values(token_version=1)), s.commit()))
    context = {"secret": app.config["SECRET_KEY"], "ann": ann, "root": root}
    make, message = CREDENTIALS[kind]
    header = make({**context, "revoked_key": revoked_key})
    before = query(snapshot)

    response = send(client, method, path, body, headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.json == error(path, message)
    assert query(snapshot) == before


REFRESH_FORMS = [
    pytest.param("/auth/login", "email", "put", "/auth/login", "refresh_token", id="movies"),
    pytest.param("/api/auth", "username", "post", "/api/refresh", "refresh", id="shop"),
]


def pair_of(client, login_path: str, login_field: str) -> tuple[str, str]:
    """Ann's (access, refresh) pair from a family's login."""
    login = "ann@example.com" if login_field == "email" else "ann"
    pair = client.post(login_path, json={login_field: login, "password": PASSWORD}).json
    if login_field == "email":  # the movie catalog's key names
        return pair["access_token"], pair["refresh_token"]
    return pair["access"], pair["refresh"]


@pytest.mark.parametrize(("login_path", "login_field", "method", "path", "field"), REFRESH_FORMS)
def test_api2_a_refresh_token_works_once(
    client, query, ann, login_path, login_field, method, path, field
):
    _, refresh_token = pair_of(client, login_path, login_field)
    assert send(client, method, path, {field: refresh_token}).status_code == 200
    before = query(snapshot)

    reused = send(client, method, path, {field: refresh_token})
    assert reused.status_code == 401
    assert reused.json == {"message": "This refresh token has already been used."}
    assert query(snapshot) == before


# Refresh tokens the service cannot read: the course's reference backend calls them all expired.
UNREADABLE_REFRESH = {
    "access-token": lambda c: c["access"],
    "garbage": lambda c: "stolen-refresh-token",
    "expired": lambda c: forge(c["secret"], c["ann"], type="refresh", iat=1, exp=2),
    "other-secret": lambda c: forge(OTHER_SECRET, c["ann"], type="refresh"),
    "alg-none": lambda c: forge("", c["ann"], "none", type="refresh"),
}


@pytest.mark.parametrize("kind", list(UNREADABLE_REFRESH))
@pytest.mark.parametrize(("login_path", "login_field", "method", "path", "field"), REFRESH_FORMS)
def test_api2_an_unreadable_refresh_token_is_refused_as_expired(
    app, client, query, ann, login_path, login_field, method, path, field, kind
):
    access, _ = pair_of(client, login_path, login_field)
    context = {"secret": app.config["SECRET_KEY"], "ann": ann, "access": access}
    before = query(snapshot)

    response = send(client, method, path, {field: UNREADABLE_REFRESH[kind](context)})
    assert (response.status_code, response.json) == (401, {"message": "Expired refresh token"})
    assert query(snapshot) == before


LOGIN_FORMS = [
    pytest.param("/auth/login", "email", 401, "Invalid email or password.", id="movies"),
    pytest.param(
        "/api/auth/token",
        "username",
        400,
        "Unable to log in with provided credentials.",
        id="cassettes",
    ),
    pytest.param("/auth", "username", 401, "Invalid credentials", id="dealer"),
    pytest.param("/api/auth", "username", 401, "Invalid username or password.", id="shop"),
]


# Short passwords are allowed, so a guesser tries them first: the limit, not length, stops it.
GUESSES = {
    "short": ["1", "12", "123", "1234", "12345", "a", "ab", "abc", "0", " "],
    "long": [f"guess-{n:04d}" for n in range(10)],
}


@pytest.mark.parametrize("guesses", list(GUESSES))
@pytest.mark.parametrize(("path", "field", "status", "message"), LOGIN_FORMS)
def test_api2_password_guessing_ends_in_429(
    client, query, ann, bob, path, field, status, message, guesses
):
    login = "ann@example.com" if field == "email" else "ann"
    before = query(snapshot)
    for guess in GUESSES[guesses]:
        response = client.post(path, json={field: login, "password": guess})
        assert (response.status_code, response.json) == (status, error(path, message))

    for attempt in (login, login.upper()):  # the right password now, in any case: still refused
        blocked = client.post(path, json={field: attempt, "password": PASSWORD})
        assert blocked.status_code == 429
        assert blocked.json == error(path, TOO_MANY)
        assert 0 < int(blocked.headers["Retry-After"]) <= 15 * 60
    assert query(snapshot) == before
    other = client.post(path, json={field: login.replace("ann", "bob"), "password": PASSWORD})
    assert other.status_code == 200


def ann_on(path: str, field: str, password: str) -> dict:
    return {field: "ann@example.com" if field == "email" else "ann", "password": password}


def guess_on_every_form(client, n: int):
    path, field, _, _ = LOGIN_FORMS[n % len(LOGIN_FORMS)].values
    return client.post(path, json=ann_on(path, field, "12"))


def guess_on_another_spelling(client, n: int):
    path, field, _, _ = LOGIN_FORMS[n % len(LOGIN_FORMS)].values
    return client.post(f"{path}/", json=ann_on(path, field, "12"))


def guess_the_current_password(client, n: int):
    headers = sign_in(client, "movies", "ann")  # a successful login is not a failure
    body = {"password_1": str(n), "password_2": "new-password"}
    return client.put("/user/password", json=body, headers=headers)


# Where ten wrong passwords for Ann are tried: the contract counts them all on her one account.
SPREADS = {
    "every-login-form": guess_on_every_form,
    "another-path-spelling": guess_on_another_spelling,
    "password-change": guess_the_current_password,
}


@pytest.mark.parametrize("spread", list(SPREADS))
def test_api2_failed_passwords_count_once_per_account_whatever_the_form(
    client, query, ann, bob, spread
):
    for n in range(10):
        assert SPREADS[spread](client, n).status_code in (400, 401)
    before = query(snapshot)

    for path, field, _, _ in [form.values for form in LOGIN_FORMS]:
        blocked = client.post(path, json=ann_on(path, field, PASSWORD))
        assert (blocked.status_code, blocked.json) == (429, error(path, TOO_MANY)), path
        assert 0 < int(blocked.headers["Retry-After"]) <= 15 * 60
    assert query(snapshot) == before
    for family in ("movies", "cassettes", "dealer", "shop"):
        assert sign_in(client, family, "bob")  # another account is not affected


def test_api2_guessing_the_phone_code_ends_in_429(client, query, clock):
    code = sent_code(client, ANN)
    for _ in range(5):
        response = log_in(client, ANN, wrong(code))
        assert response.status_code == 400
        assert response.json == {"message": WRONG_CODE, "errors": {"code": [WRONG_CODE]}}

    blocked = log_in(client, ANN, code)  # the right code, once burnt, no longer works
    assert (blocked.status_code, blocked.json) == (429, {"message": BURNT})
    assert int(blocked.headers["Retry-After"]) >= 30  # at least the code's cool-down
    assert query(lambda s: s.scalars(select(User)).all()) == []
    assert query(lambda s: s.scalars(select(PhoneCode.tries)).all()) == [5]


# Sign-ups with the shortest password allowed: cheap accounts, so the address limit matters.
def new_email(n: int) -> dict:
    return {"email": f"u{n}@example.com", "password": "1"}


def email_guess(n: int) -> dict:
    return {"email": f"u{n}@example.com", "password": "guess-0000"}


def new_name(n: int) -> dict:
    return {"username": f"u{n}", "password": "1"}


def name_guess(n: int) -> dict:
    return {"username": f"u{n}", "password": "guess-0000"}


def number(n: int) -> dict:
    return {"telephone_number": f"+7929828430{n}"}


def code_guess(n: int) -> dict:
    return {**number(n), "code": "0000"}


def stolen_refresh(n: int) -> dict:
    return {"refresh_token": f"stolen-{n}"}


def stolen_shop_refresh(n: int) -> dict:
    return {"refresh": f"stolen-{n}"}


PER_ADDRESS = [
    pytest.param("post", "/auth/register", new_email, 201, id="movies-register"),
    pytest.param("post", "/auth/login", email_guess, 401, id="movies-login"),
    pytest.param("put", "/auth/login", stolen_refresh, 401, id="movies-refresh"),
    pytest.param("post", "/api/auth/signup", new_name, 201, id="cassettes-signup"),
    pytest.param("post", "/api/auth/token", name_guess, 400, id="cassettes-token"),
    pytest.param("post", "/register", new_name, 201, id="dealer-register"),
    pytest.param("post", "/auth", name_guess, 401, id="dealer-auth"),
    pytest.param("post", SIGNUP, number, 200, id="phone-signup"),
    pytest.param("post", LOGIN, code_guess, 400, id="phone-code"),
    pytest.param("post", "/api/auth", name_guess, 401, id="shop-auth"),
    pytest.param("post", "/api/refresh", stolen_shop_refresh, 401, id="shop-refresh"),
]


@pytest.mark.parametrize(("method", "path", "body", "status"), PER_ADDRESS)
def test_api2_every_credential_endpoint_is_limited_per_address(
    app, client, query, clock, method, path, body, status
):
    app.config["AUTH_RATE_LIMIT"] = "5 per minute"
    for n in range(5):
        assert send(client, method, path, body(n)).status_code == status
    before = query(snapshot)

    spoofed = {"X-Forwarded-For": "192.0.2.10", "X-Real-IP": "192.0.2.10"}
    for headers in ({}, spoofed):  # a forged proxy header is not another address
        blocked = send(client, method, path, body(5), headers=headers)
        assert blocked.status_code == 429
        assert blocked.json == error(path, TOO_MANY)
        assert 0 < int(blocked.headers["Retry-After"]) <= 60
    assert query(snapshot) == before
    elsewhere = send(client, method, path, body(6), environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert elsewhere.status_code == status


# API3:2023 Broken Object Property Level Authorization ------------------------------------------

INTERNAL_FIELDS = {
    "password",
    "password_hash",
    "token_version",
    "role",
    "seed",
    "key_hash",
    "code_hash",
    "tries",
    "fingerprint",
    "jti",
    "is_admin",
}
TOKEN_CLAIMS = {"sub", "type", "ver", "iat", "exp", "jti"}


def keys_of(data) -> set:
    """Every key in a JSON answer, except the field names that `errors` reports on."""
    if isinstance(data, dict):
        values = [value for key, value in data.items() if key != "errors"]
        return set(data).union(*(keys_of(value) for value in values))
    if isinstance(data, list):
        return set().union(*(keys_of(item) for item in data))
    return set()


def stored_secrets(session) -> set[str]:
    secrets = {PASSWORD, "guess-0000"}
    secrets |= {u.password_hash for u in session.scalars(select(User)) if u.password_hash}
    for api_token in session.scalars(select(ApiToken)):
        secrets |= {api_token.seed, api_token.key_hash}
    secrets |= set(session.scalars(select(PhoneCode.code_hash)))
    return secrets


def test_api3_no_answer_carries_a_secret_or_an_internal_field(client, query, clock, print_id):
    answers = []

    def call(method, path, body=None, headers=None):
        answers.append(send(client, method, path, body, headers=headers or {}))
        return answers[-1].json

    account = {"email": "ann@example.com", "password": PASSWORD}
    call("post", "/auth/register", account)
    pair = call("post", "/auth/login", account)
    call("post", "/auth/login", {**account, "password": "guess-0000"})
    call("put", "/auth/login", {"refresh_token": pair["refresh_token"]})
    movie_user = bearer(pair["access_token"])
    call("get", "/user/", headers=movie_user)
    call("patch", "/user/", {"name": "Ann", "password": PASSWORD}, movie_user)
    call("put", "/user/password", {"password_1": "guess-0000", "password_2": PASSWORD}, movie_user)
    call("post", "/favorites/movies/1", headers=movie_user)
    call("get", "/favorites/movies/", headers=movie_user)
    rick = {"username": "rick", "password": PASSWORD}
    call("post", "/api/auth/signup", rick)
    call("post", "/api/auth/signup", rick)
    call("post", "/api/auth/token", rick)
    call("post", "/api/auth/token", {**rick, "password": "guess-0000"})
    call("post", "/register", {"username": "marty", "password": PASSWORD})
    call("post", "/auth", {"username": "marty", "password": PASSWORD})
    call("post", "/auth", {"username": "marty", "password": "guess-0000"})
    code = call("post", SIGNUP, {"telephone_number": ANN})[CODE_KEY]
    phone_user = token(call("post", LOGIN, {"telephone_number": ANN, "code": code}))
    bob_code = call("post", SIGNUP, {"telephone_number": BOB})[CODE_KEY]  # left pending
    call("post", LOGIN, {"telephone_number": BOB, "code": wrong(bob_code)})
    call("get", USERS, headers=phone_user)
    call("patch", f"{USERS}{ANN}/", {"first_name": "Ann"}, phone_user)
    shop = call("post", "/api/auth", rick)
    call("post", "/api/refresh", {"refresh": shop["refresh"]})
    call("post", "/api/order", order_of(print_id), bearer(shop["access"]))
    call("get", "/api/my-orders", headers=bearer(shop["access"]))
    call("get", "/api/products")
    secrets = query(stored_secrets)

    assert len(secrets) > 6  # hashes, key seeds and digests, the pending code's HMAC
    for answer in answers:
        text = answer.get_data(as_text=True)
        assert not keys_of(answer.json) & INTERNAL_FIELDS, (answer.request.path, answer.json)
        assert not [secret for secret in secrets if secret in text], answer.request.path
        for jwt_token in re.findall(r"eyJ[\w-]+\.[\w-]+\.[\w-]*", text):
            payload = jwt_token.split(".")[1]
            claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            assert set(claims) == TOKEN_CLAIMS  # no email, role or hash inside a token


# Values that two runs of the same write draw afresh (salts, random keys and codes, the clock):
# masked when the runs are compared, so that only what the request decided is compared.
DRAWN = {"password_hash", "seed", "key_hash", "invite_code", "token", "created", "created_at"}


def undrawn(data):
    """A JSON answer with every drawn value masked."""
    if isinstance(data, dict):
        return {key: "<drawn>" if key in DRAWN else undrawn(value) for key, value in data.items()}
    if isinstance(data, list):
        return [undrawn(item) for item in data]
    return data


def undrawn_rows(session) -> dict:
    """Every row of every table, by column name, with every drawn value masked."""
    return {
        table.name: sorted(
            (
                {key: "<drawn>" if key in DRAWN else value for key, value in row.items()}
                for row in session.execute(select(table)).mappings()
            ),
            key=repr,
        )
        for table in db.metadata.sorted_tables
    }


def every(*columns):
    """A stored check: the values of `columns` in every row, by id."""
    return lambda session: [
        tuple(row) if len(columns) > 1 else row[0]
        for row in session.execute(select(*columns).order_by(columns[0].table.c.id))
    ]


def holders_of(code: str):
    return lambda session: session.scalars(select(User.id).where(User.invite_code == code)).all()


def ann_logs_in_with(password: str):
    return lambda session: check_password_hash(session.get(User, 1).password_hash, password)


def movie_count_and_new_title(session) -> tuple:
    return session.scalar(select(func.count(Movie.id))), session.get(Movie, 21).title


def extra(caller, method, path, body, extras, stored, expected, sent=None):
    """`body` sent by `caller`, and then `sent` (`body` with `extras`, fields the caller does
    not own or the call ignores, by default at the top level).

    `stored(session)` afterwards is `expected`: the extras left no trace.
    """
    name = f"{method}-{path.strip('/').replace('/', '-')}-{'-'.join(extras)}"
    sent = {**body, **extras} if sent is None else sent
    return pytest.param(caller, method, path, body, sent, stored, expected, id=name)


ACCOUNT = {"username": "eve", "password": PASSWORD}
EVE = {"username": "eve", "password": "1"}
# The world of each case: users 1 "ann" (password), 2 "root" (admin), 3 Ann by phone (ANN).
ROLES = ["user", "admin", "user"]
EVE_ROLES = [("ann", "user"), ("root", "admin"), (None, "user"), ("eve", "user")]
PART = {"product": 1, "quantity_in_order": 1}
# fmt: off
MASS_ASSIGNMENT = [  # a table: one case a line
    extra("ann", "patch", "/user/", {"name": "Ann"}, {"role": "admin"}, every(User.role), ROLES),
    extra("ann", "patch", "/user/", {"name": "Ann"}, {"id": 2}, every(User.id, User.email, User.name), [(1, "ann@example.com", "Ann"), (2, "root@example.com", None), (3, None, None)]),  # noqa: E501
    extra("ann", "patch", "/user/", {"name": "Ann"}, {"email": "eve@example.com"}, every(User.email), ["ann@example.com", "root@example.com", None]),  # noqa: E501
    extra("ann", "patch", "/user/", {"name": "Ann"}, {"token_version": 5}, every(User.token_version), [0, 0, 0]),  # noqa: E501
    extra("ann", "patch", "/user/", {"name": "Ann"}, {"password": "1"}, ann_logs_in_with(PASSWORD), True),  # noqa: E501
    extra("ann", "patch", "/user/", {"name": "Ann"}, {"password_hash": "x"}, ann_logs_in_with(PASSWORD), True),  # noqa: E501
    extra("ann", "put", "/user/password", {"password_1": PASSWORD, "password_2": "1"}, {"role": "admin", "token_version": 0}, every(User.role, User.token_version), [("user", 1), ("admin", 0), ("user", 0)]),  # noqa: E501
    extra(None, "post", "/auth/register", {"email": "eve@example.com", "password": "1"}, {"role": "admin", "id": 2}, every(User.email, User.role), [("ann@example.com", "user"), ("root@example.com", "admin"), (None, "user"), ("eve@example.com", "user")]),  # noqa: E501
    extra(None, "post", "/api/auth/signup", EVE, {"role": "admin", "is_admin": True}, every(User.username, User.role), EVE_ROLES),  # noqa: E501
    extra(None, "post", "/register", EVE, {"role": "admin", "is_admin": True}, every(User.username, User.role), EVE_ROLES),  # noqa: E501
    extra("phone", "patch", f"{USERS}{ANN}/", {"first_name": "Ann"}, {"invite_code": "AAAAAA"}, holders_of("AAAAAA"), []),  # noqa: E501
    extra("phone", "patch", f"{USERS}{ANN}/", {"first_name": "Ann"}, {"telephone_number": BOB}, every(User.phone), [None, None, ANN]),  # noqa: E501
    extra("phone", "patch", f"{USERS}{ANN}/", {"first_name": "Ann"}, {"invite_code_list": [BOB]}, every(User.phone, User.activated_invite_code), [(None, None), (None, None), (ANN, None)]),  # noqa: E501
    extra("phone", "post", f"{USERS}{ANN}/", {"first_name": "Ann"}, {"role": "admin"}, every(User.role), ROLES),  # noqa: E501
    extra("ann", "post", "/api/order", {"parts": [PART]}, {"total": "0.01"}, every(OrderPart.price, OrderPart.quantity_in_order), [(Decimal("10.00"), 1)]),  # noqa: E501
    extra("ann", "post", "/api/order", {"parts": [PART]}, {"user": 2, "id": 9}, every(Order.id, Order.user_id), [(1, 1)]),  # noqa: E501
    extra("ann", "post", "/api/order", {"parts": [PART]}, {"parts[].price": "0.01", "parts[].product_name": "Free"}, every(OrderPart.price, OrderPart.product_name), [(Decimal("10.00"), "Print")], sent={"parts": [{**PART, "price": "0.01", "product_name": "Free"}]}),  # noqa: E501
    extra("ann", "post", "/api/cassetes/", CASSETTE, {"id": 7}, every(Cassette.id, Cassette.title), [(1, "Rambo")]),  # noqa: E501
    extra("ann", "post", "/auto/Tesla", AUTO, {"mark": "Lada"}, every(Auto.mark), ["Delorean", "Tesla"]),  # noqa: E501
    extra("ann", "put", "/auto/Delorean", {**AUTO, "max_speed": 300}, {"mark": "Tesla", "id": 9}, every(Auto.id, Auto.mark, Auto.max_speed), [(1, "Delorean", 300)]),  # noqa: E501
    extra("ann", "patch", "/auto/Delorean", {"max_speed": 300}, {"mark": "Tesla"}, every(Auto.mark, Auto.max_speed), [("Delorean", 300)]),  # noqa: E501
    extra("root", "patch", "/api/products/1", {"name": "Poster"}, {"id": 2}, every(Product.id, Product.name), [(1, "Poster")]),  # noqa: E501
    extra("root", "post", "/movies/", MOVIE, {"id": 1, "genre": {"id": 2, "name": "X"}}, movie_count_and_new_title, (21, "Heat")),  # noqa: E501
]
# fmt: on


@pytest.mark.parametrize(
    ("caller", "method", "path", "body", "sent", "stored", "expected"), MASS_ASSIGNMENT
)
def test_api3_writes_ignore_fields_they_do_not_own(
    app, client, query, clock, database_url, caller, method, path, body, sent, stored, expected
):
    def run(sent: dict) -> tuple:
        """`sent` in a fresh world: the status, the answer and every row, drawn values masked."""
        reset_shared_app(database_url)  # the conftest's own reset between tests
        sign_up(app, "ann")
        sign_up(app, "root", role="admin")
        add_product(app, "Print", "10.00", 10)
        phone = sign_in(client, "phone", ANN)
        headers = {"ann": sign_in(client, "movies", "ann"), "phone": phone}
        headers["root"] = sign_in(client, "movies", "root")
        assert client.post("/auto/Delorean", json=AUTO, headers=headers["ann"]).status_code == 201
        response = send(client, method, path, sent, headers=headers.get(caller, {}))
        return response.status_code, undrawn(response.json), query(undrawn_rows)

    plain = run(body)
    assert plain[0] in (200, 201, 202), plain[1]

    assert run(sent) == plain
    assert query(stored) == expected


# API4:2023 Unrestricted Resource Consumption ---------------------------------------------------

LISTS = [
    "/movies/",
    "/genres/",
    "/directors/",
    "/favorites/movies/",
    "/api/cassetes/",
    f"{USERS}",
    "/api/products",
]
LIMIT_RANGE = ["Must be greater than or equal to 1 and less than or equal to 100."]
BAD_PAGING = [
    pytest.param("limit=101", {"limit": LIMIT_RANGE}, id="limit-101"),
    pytest.param("limit=1000000", {"limit": LIMIT_RANGE}, id="limit-million"),
    pytest.param("limit=0", {"limit": LIMIT_RANGE}, id="limit-0"),
    pytest.param("page=0", {"page": ["Must be greater than or equal to 1."]}, id="page-0"),
    pytest.param("page=-1", {"page": ["Must be greater than or equal to 1."]}, id="page-negative"),
    pytest.param(
        "page=two&limit=1e9",
        {"page": ["Not a valid integer."], "limit": ["Not a valid integer."]},
        id="not-numbers",
    ),
]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize(("query_string", "errors"), BAD_PAGING)
def test_api4_page_sizes_are_bounded(client, ann, path, query_string, errors):
    response = client.get(f"{path}?{query_string}", headers=sign_in(client, "movies", "ann"))
    assert response.status_code == 400
    assert response.json == {"message": "Invalid paging parameters.", "errors": errors}


@pytest.mark.parametrize("path", LISTS)
def test_api4_unpaged_lists_are_capped_and_far_pages_are_empty(app, client, ann, path, print_id):
    headers = sign_in(client, "movies", "ann")
    app.config["UNPAGED_LIMIT"] = 1
    whole = client.get(path, headers=headers).json
    assert len(whole["results"] if isinstance(whole, dict) else whole) <= 1
    far = client.get(f"{path}?page={10**30}&limit=100", headers=headers)
    assert far.status_code == 200
    assert (far.json["results"] if isinstance(far.json, dict) else far.json) == []


HEAVY_WRITES = [
    ("post", "/auth/register"),
    ("post", "/auth/login"),
    ("patch", "/user/"),
    ("post", "/api/auth/signup"),
    ("post", "/api/auth/token"),
    ("post", "/api/cassetes/"),
    ("post", "/register"),
    ("post", "/auth"),
    ("post", "/auto/Delorean"),
    ("post", SIGNUP),
    ("post", LOGIN),
    ("patch", f"{USERS}ann/"),
    ("post", "/api/auth"),
    ("post", "/api/order"),
    ("post", "/movies/"),
]


@pytest.mark.parametrize(
    ("body", "status", "message"),
    [
        pytest.param(
            '{"name": "' + "x" * (1024 * 1024) + '"}',
            413,
            "The request body is too large (the limit is 1 MiB).",
            id="over-1-MiB",
        ),
        pytest.param(
            '{"a": ' * 100_000 + "1" + "}" * 100_000,
            400,
            "The JSON body is nested too deeply.",
            id="deeply-nested",
        ),
    ],
)
@pytest.mark.parametrize(("method", "path"), HEAVY_WRITES)
def test_api4_huge_or_deep_bodies_are_refused_everywhere(
    client, query, ann, root, method, path, body, status, message
):
    headers = {"Content-Type": "application/json", **sign_in(client, "movies", "root")}
    before = query(snapshot)
    response = getattr(client, method)(path, data=body, headers=headers)
    assert response.status_code == status
    assert response.json == error(path, message)
    assert query(snapshot) == before


def longer(limit: int) -> str:
    return f"Longer than maximum length {limit}."


def length(limit: int) -> str:
    return f"Length must be between 1 and {limit}."


def too_big(method: str, path: str, body: dict, field: str, problem: str, name: str):
    return pytest.param(method, path, body, {field: [problem]}, id=name)


QUANTITY_RANGE = "Must be greater than or equal to 1 and less than or equal to 1000000."
# fmt: off
LONG = [  # a table: one case a line
    too_big("post", "/auth/register", {"email": "a" * 250 + "@example.com", "password": PASSWORD}, "email", longer(254), "register-email"),  # noqa: E501
    too_big("post", "/auth/register", {"email": "eve@example.com", "password": "p" * 129}, "password", "Must be 1 to 128 characters long.", "register-password"),  # noqa: E501
    too_big("post", "/auth/login", {"email": "ann@example.com", "password": "p" * 129}, "password", "Must be 1 to 128 characters long.", "login-password"),  # noqa: E501
    too_big("put", "/auth/login", {"refresh_token": "r" * 4097}, "refresh_token", length(4096), "refresh-token"),  # noqa: E501
    too_big("patch", "/user/", {"name": "n" * 101}, "name", longer(100), "profile-name"),
    too_big("post", "/api/auth/signup", {**ACCOUNT, "username": "u" * 151}, "username", length(150), "cassettes-username"),  # noqa: E501
    too_big("post", "/api/cassetes/", {**CASSETTE, "title": "t" * 201}, "title", length(200), "cassette-title"),  # noqa: E501
    too_big("post", "/register", {**ACCOUNT, "username": "u" * 151}, "username", length(150), "dealer-username"),  # noqa: E501
    too_big("post", "/auto/" + "m" * 101, AUTO, "mark", length(100), "dealer-mark"),
    too_big("post", "/auto/Delorean", {**AUTO, "handler": "h" * 201}, "handler", length(200), "dealer-handler"),  # noqa: E501
    too_big("post", SIGNUP, {"telephone_number": "9" * 10_000}, "telephone_number", "Not a valid phone number: write it as +79298284301 or 89298284301.", "phone-number"),  # noqa: E501
    too_big("post", LOGIN, {"telephone_number": ANN, "code": "1" * 10_000}, "code", "The code is 4 digits.", "phone-code"),  # noqa: E501
    too_big("patch", f"{USERS}ann/", {"last_name": "l" * 101}, "last_name", longer(100), "phone-last-name"),  # noqa: E501
    too_big("post", "/api/auth", {**ACCOUNT, "username": "u" * 255}, "username", length(254), "shop-username"),  # noqa: E501
    too_big("post", "/api/order", {"parts": order_of(1)["parts"] * 101}, "parts", "An order has 1 to 100 parts.", "order-parts"),  # noqa: E501
    pytest.param("post", "/api/order", order_of(1, 10**30), {"parts": {"0": {"quantity_in_order": [QUANTITY_RANGE]}}}, id="order-quantity"),  # noqa: E501
]
# fmt: on


@pytest.mark.parametrize(("method", "path", "body", "errors"), LONG)
def test_api4_long_strings_and_big_numbers_are_refused(
    client, query, ann, print_id, method, path, body, errors
):
    headers = sign_in(client, "movies", "ann")
    before = query(snapshot)
    response = send(client, method, path, body, headers=headers)
    assert response.status_code == 400
    if path.startswith(("/register", "/auto/")):
        field, problems = next(iter(errors.items()))
        assert response.json == {"Error": f"{field}: {' '.join(problems)}"}
    else:
        assert response.json == {"message": INVALID_BODY, "errors": errors}
    assert query(snapshot) == before


@pytest.mark.parametrize(
    ("path", "errors", "message"),
    [
        (
            "/api/products?search=" + "s" * 101,
            {"search": ["Longer than maximum length 100."]},
            "Invalid query parameters.",
        ),
        (
            "/api/cassetes/?title=" + "t" * 201,
            {"title": ["Longer than maximum length 200."]},
            "Invalid query parameters.",
        ),
        ("/movies/" + "9" * 40, None, "Movie 9999999999999999999999999999999999999999 not found."),
        (
            "/api/products/" + "9" * 40,
            None,
            "Product 9999999999999999999999999999999999999999 not found.",
        ),
    ],
    ids=["search", "title-filter", "huge-movie-id", "huge-product-id"],
)
def test_api4_long_queries_are_refused_and_huge_ids_not_found(client, path, errors, message):
    response = client.get(path)
    assert response.status_code == (404 if errors is None else 400)
    assert response.json == {"message": message, **({"errors": errors} if errors else {})}


def test_api4_an_idempotency_key_is_length_limited(client, query, ann, print_id):
    headers = {**sign_in(client, "shop", "ann"), "Idempotency-Key": "k" * 256}
    before = query(snapshot)
    response = client.post("/api/order", json=order_of(print_id), headers=headers)
    assert response.status_code == 400
    assert response.json == {
        "message": "Invalid Idempotency-Key header.",
        "errors": {"Idempotency-Key": ["Length must be between 1 and 255."]},
    }
    assert query(snapshot) == before


# API5:2023 Broken Function Level Authorization -------------------------------------------------

ADMIN_ONLY = [
    (method, f"{collection}{suffix}", body)
    for collection, item in [
        ("/movies/", MOVIE),
        ("/genres/", {"name": "Noir"}),
        ("/directors/", {"name": "Michael Mann"}),
        ("/api/products/", PRODUCT),
    ]
    for method, suffix, body in [
        ("post", "", item),
        ("put", "1", item),
        ("patch", "1", {"name": "Renamed"} if "title" not in item else {"title": "Renamed"}),
        ("delete", "1", None),
    ]
]


@pytest.mark.parametrize("caller", ["guest", "movies", "cassettes", "dealer", "phone", "shop"])
@pytest.mark.parametrize(("method", "path", "body"), ADMIN_ONLY)
def test_api5_catalog_and_product_writes_are_for_admins(
    client, query, clock, ann, print_id, caller, method, path, body
):
    headers = (
        {} if caller == "guest" else sign_in(client, caller, ANN if caller == "phone" else "ann")
    )
    before = query(snapshot)

    response = send(client, method, path, body, headers=headers)
    if caller == "guest":
        assert (response.status_code, response.json) == (401, {"message": NO_CREDENTIALS})
    else:
        assert (response.status_code, response.json) == (403, {"message": ADMINS_ONLY})
    assert query(snapshot) == before


def test_api5_the_role_is_read_from_the_database_not_the_token(client, query, root):
    headers = sign_in(client, "movies", "root")
    assert client.patch("/genres/1", json={"name": "Noir"}, headers=headers).status_code == 200
    query(lambda s: (s.execute(update(User).values(role="user")), s.commit()))
    before = query(snapshot)

    response = client.patch("/genres/1", json={"name": "Demoted"}, headers=headers)
    assert (response.status_code, response.json) == (403, {"message": ADMINS_ONLY})
    assert query(snapshot) == before


# API6:2023 Unrestricted Access to Sensitive Business Flows --------------------------------------

SHORT = "Not enough stock for Product 'Print': 10 left."


def part_problem(index: int, field: str, problem: str, message: str = INVALID_BODY) -> dict:
    return {"message": message, "errors": {"parts": {str(index): {field: [problem]}}}}


# fmt: off
BAD_ORDERS = [  # a table: one case a line
    pytest.param([(1, 11)], part_problem(0, "quantity_in_order", SHORT, SHORT), id="over-stock"),
    pytest.param([(2, 1), (1, 11)], part_problem(1, "quantity_in_order", SHORT, SHORT), id="one-part-short"),  # noqa: E501
    pytest.param([(1, 6), (1, 5)], part_problem(1, "product", "Product 1 is already in the order."), id="split-in-two-parts"),  # noqa: E501
    pytest.param([(1, 0)], part_problem(0, "quantity_in_order", QUANTITY_RANGE), id="zero"),
    pytest.param([(1, -5)], part_problem(0, "quantity_in_order", QUANTITY_RANGE), id="negative"),
    pytest.param([(1, 1.5)], part_problem(0, "quantity_in_order", "Not a valid integer."), id="fraction"),  # noqa: E501
    pytest.param([(1, "1")], part_problem(0, "quantity_in_order", "Not a valid integer."), id="string"),  # noqa: E501
    pytest.param([(2, 1), (99, 1)], part_problem(1, "product", "There is no product with id 99.", "The order refers to products that do not exist."), id="unknown-product"),  # noqa: E501
    pytest.param([], {"message": INVALID_BODY, "errors": {"parts": ["An order has 1 to 100 parts."]}}, id="empty"),  # noqa: E501
]
# fmt: on


@pytest.mark.parametrize(("parts", "answer"), BAD_ORDERS)
def test_api6_an_order_takes_all_its_stock_or_nothing(
    app, client, query, ann, print_id, parts, answer
):
    add_product(app, "Frame", "5.00", 3)
    headers = sign_in(client, "shop", "ann")
    before = query(snapshot)
    body = {"parts": [{"product": p, "quantity_in_order": n} for p, n in parts]}

    response = client.post("/api/order", json=body, headers=headers)
    assert (response.status_code, response.json) == (400, answer)
    assert query(snapshot) == before


def test_api6_a_retried_order_is_placed_once(client, query, ann, print_id):
    headers = {**sign_in(client, "shop", "ann"), "Idempotency-Key": "checkout-7f3a"}
    first = client.post("/api/order", json=order_of(print_id, 4), headers=headers)
    assert first.status_code == 201
    after_first = query(snapshot)

    retried = client.post("/api/order", json=order_of(print_id, 4), headers=headers)
    assert (retried.status_code, retried.json) == (201, first.json)
    assert retried.headers["Idempotent-Replayed"] == "true"
    changed = client.post("/api/order", json=order_of(print_id, 6), headers=headers)
    assert changed.status_code == 422
    message = "This Idempotency-Key was already used for a different request."
    assert changed.json == {"message": message, "errors": {"Idempotency-Key": [message]}}
    assert query(snapshot) == after_first
    assert query(lambda s: s.get(Product, print_id).quantity_in_stock) == 6


def test_api6_a_phone_number_gets_at_most_ten_guesses_per_window(client, query, clock):
    first = sent_code(client, ANN)
    again = client.post(SIGNUP, json={"telephone_number": ANN})
    assert (again.status_code, again.json) == (429, {"message": RESEND_LATER})
    assert int(again.headers["Retry-After"]) >= 30
    for _ in range(5):
        assert log_in(client, ANN, wrong(first)).status_code == 400
    clock.advance(seconds=30)
    second = sent_code(client, ANN)
    for _ in range(5):
        assert log_in(client, ANN, wrong(second)).status_code == 400
    clock.advance(seconds=30)
    third = sent_code(client, ANN)
    before = query(snapshot)

    blocked = log_in(client, ANN, third)  # ten guesses spent: even the right code waits
    assert (blocked.status_code, blocked.json) == (429, {"message": TOO_MANY})
    assert 0 < int(blocked.headers["Retry-After"]) <= 15 * 60
    assert query(snapshot) == before


def test_api6_an_invite_code_is_activated_once_and_never_ones_own(client, query, clock):
    ann_headers = token(phone_login(client, ANN))
    bob_login = phone_login(client, BOB)
    own = client.patch(
        f"{USERS}{BOB}/",
        json={"activated_invite_code": bob_login["Ваш инвайт код"]},
        headers=token(bob_login),
    )
    assert own.status_code == 400
    activate = {"activated_invite_code": bob_login["Ваш инвайт код"]}
    assert client.patch(f"{USERS}{ANN}/", json=activate, headers=ann_headers).status_code == 200
    before = query(snapshot)

    again = client.patch(f"{USERS}{ANN}/", json=activate, headers=ann_headers)
    message = "You have already activated an invite code; only one activation is allowed."
    assert again.status_code == 400
    assert again.json == {"message": message, "errors": {"activated_invite_code": [message]}}
    assert query(snapshot) == before


# API7:2023 Server Side Request Forgery (and injection-shaped input) ----------------------------

INTERNAL_URLS = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://127.0.0.1:6379/",
    "http://[::1]:2375/containers/json",
    "https://localhost:22/",
]


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_api7_a_trailer_url_is_stored_verbatim_and_never_fetched(
    client, query, monkeypatch, root, url
):
    headers = sign_in(client, "movies", "root")
    network = NetworkGuard(monkeypatch)

    created = client.post("/movies/", json={**MOVIE, "trailer": url}, headers=headers)
    assert created.status_code == 201
    assert created.json["trailer"] == url
    assert client.get(f"/movies/{created.json['id']}").json["trailer"] == url
    assert query(lambda s: s.get(Movie, created.json["id"]).trailer) == url
    assert network.attempts == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://127.0.0.1:6379/_INFO",
        "dict://127.0.0.1:11211/stat",
        "javascript:alert(1)",
        "//169.254.169.254/",
    ],
)
def test_api7_a_trailer_url_of_another_scheme_is_refused(client, query, root, url):
    headers = sign_in(client, "movies", "root")
    before = query(snapshot)
    response = client.post("/movies/", json={**MOVIE, "trailer": url}, headers=headers)
    assert response.status_code == 400
    assert response.json == {"message": INVALID_BODY, "errors": {"trailer": ["Not a valid URL."]}}
    assert query(snapshot) == before


PAYLOADS = {
    "sql-drop": "'; DROP TABLE users; --",
    "sql-or": "' OR '1'='1",
    "html": "<script>alert(document.cookie)</script>",
    "templates": "{{7*7}} ${7*7} #{7*7} <%= 7*7 %>",
    "jndi": "${jndi:ldap://127.0.0.1:1389/a}",
    "path": "../../../../etc/passwd",
    "format": "%s%s%s%n %x {0.__class__}",
    "crlf": "x\r\nSet-Cookie: admin=1",
    "url": INTERNAL_URLS[0],
    "unicode": "Ünïcødé \u202eRTL 🎞️ 字",
}
# Who writes (the admin, or Ann by phone: only phone users have a referral profile), where the
# text goes in (method, path, body), and where it comes back (path, key).
# fmt: off
TEXT_FIELDS = {
    "profile-name": ("movies", "patch", "/user/", lambda p: {"name": p}, "/user/", "name"),
    "phone-last-name": ("phone", "patch", f"{USERS}{ANN}/", lambda p: {"last_name": p}, f"{USERS}{ANN}/", "last_name"),  # noqa: E501
    "cassette-title": ("movies", "post", "/api/cassetes/", lambda p: {**CASSETTE, "title": p}, "/api/cassetes/1", "title"),  # noqa: E501
    "auto-handler": ("movies", "post", "/auto/Delorean", lambda p: {**AUTO, "handler": p}, "/auto/Delorean", "handler"),  # noqa: E501
    "product-description": ("movies", "post", "/api/products", lambda p: {**PRODUCT, "description": p}, "/api/products/1", "description"),  # noqa: E501
    "movie-description": ("movies", "post", "/movies/", lambda p: {**MOVIE, "description": p}, "/movies/21", "description"),  # noqa: E501
}
# fmt: on


@pytest.mark.parametrize("payload", list(PAYLOADS))
@pytest.mark.parametrize("field", list(TEXT_FIELDS))
def test_api7_injection_shaped_text_is_stored_and_returned_verbatim(
    client, query, monkeypatch, clock, root, field, payload
):
    caller, method, path, body, read_path, key = TEXT_FIELDS[field]
    headers = sign_in(client, caller, ANN if caller == "phone" else "root")
    network = NetworkGuard(monkeypatch)
    tables = set(query(snapshot))
    text = PAYLOADS[payload]

    written = send(client, method, path, body(text), headers=headers)
    assert written.status_code in (200, 201), written.json
    assert "Set-Cookie" not in written.headers
    read = client.get(read_path, headers=headers)
    assert (read.status_code, read.json[key]) == (200, text)
    stored = [value for rows in query(snapshot).values() for row in rows for value in row]
    assert text in stored
    assert set(query(snapshot)) == tables
    assert network.attempts == []


EMPTY_PAGE = {"count": 0, "next": None, "previous": None, "results": []}
# fmt: off
LOOKUPS = [  # a table: one case a line
    pytest.param("get", "/api/products?search=' OR '1'='1", None, 200, EMPTY_PAGE, id="search-or"),
    pytest.param("get", "/api/products?search=%25", None, 200, EMPTY_PAGE, id="search-wildcard"),
    pytest.param("get", "/api/cassetes/?title=_", None, 200, [], id="title-wildcard"),
    pytest.param("get", "/api/cassetes/?director=%25' --", None, 200, [], id="director-quote"),
    pytest.param("get", "/auto/' OR 1=1 --", None, 404, {"Error": "Auto with that mark not found"}, id="mark"),  # noqa: E501
    pytest.param("get", f"{USERS}' OR '1'='1/", None, 404, {"message": "No user has this username or phone number."}, id="profile"),  # noqa: E501
    pytest.param("post", "/api/auth", {"username": "' OR '1'='1' --", "password": "' OR '1'='1"}, 401, {"message": "Invalid username or password."}, id="shop-login"),  # noqa: E501
    pytest.param("post", "/auth/login", {"email": "ann@example.com' --", "password": "x"}, 401, {"message": "Invalid email or password."}, id="movies-login"),  # noqa: E501
]
# fmt: on


@pytest.mark.parametrize(("method", "path", "body", "status", "answer"), LOOKUPS)
def test_api7_injection_shaped_lookups_match_nothing(
    app, client, query, ann, print_id, method, path, body, status, answer
):
    headers = sign_in(client, "movies", "ann")
    assert client.post("/api/cassetes/", json=CASSETTE, headers=headers).status_code == 201
    assert client.post("/auto/Delorean", json=AUTO, headers=headers).status_code == 201
    before = query(snapshot)
    response = send(client, method, path, body, headers=headers)
    assert (response.status_code, response.json) == (status, answer)
    assert query(snapshot) == before


# API8:2023 Security Misconfiguration -----------------------------------------------------------

API_POLICY = "default-src 'none'; frame-ancestors 'none'"


def _failing(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("secret detail: SELECT password_hash FROM users /srv/app/service.py")

    monkeypatch.setattr(movie_service, "get", explode)
    monkeypatch.setattr(order_service, "list_for", explode)


ANSWERS = [
    pytest.param("get", "/movies/1", None, 200, id="200"),
    pytest.param("post", "/auth/login", {"email": "x"}, 400, id="400"),
    pytest.param("get", "/user/", None, 401, id="401"),
    pytest.param("get", "/stock", None, 401, id="401-dealer"),
    pytest.param("delete", "/api/products/1", None, 403, id="403"),
    pytest.param("get", "/nowhere", None, 404, id="404"),
    pytest.param("delete", "/health", None, 405, id="405"),
    pytest.param("post", "/register", "x" * (1024 * 1024 + 1), 413, id="413-dealer"),
    pytest.param(
        "post", "/api/auth/signup", {"username": "u", "password": PASSWORD}, 429, id="429"
    ),
    pytest.param("get", "/movies/2", None, 500, id="500"),
    pytest.param("get", "/api/my-orders", None, 500, id="500-shop"),
]


@pytest.mark.parametrize(("method", "path", "body", "status"), ANSWERS)
def test_api8_every_answer_is_plain_json_with_security_headers(
    app, client, monkeypatch, ann, method, path, body, status
):
    if status == 500:
        _failing(monkeypatch)
    headers = {} if status == 401 else sign_in(client, "movies", "ann")
    kwargs = {"data": body, "content_type": "application/json"} if isinstance(body, str) else {}
    if status == 429:
        app.config["AUTH_RATE_LIMIT"] = "1 per minute"
        send(client, method, path, body)
    response = (
        send(client, method, path, body, headers=headers)
        if not kwargs
        else (getattr(client, method)(path, headers=headers, **kwargs))
    )

    assert response.status_code == status
    assert response.mimetype == "application/json"
    text = response.get_data(as_text=True)
    assert not re.search(r"Traceback|secret detail|password_hash|\.py|<html", text, re.I)
    if status == 500:
        assert response.json == {"message": "Internal server error."}
    assert response.headers["Content-Security-Policy"] == API_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize(
    "path", ["/movies/", "/user/", "/api/cassetes/", "/auto/Delorean", f"{USERS}", "/api/order"]
)
def test_api8_cors_is_off_for_every_family(client, path):
    preflight = client.options(
        path,
        headers={
            "Origin": "https://evil.example.com",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )
    assert preflight.status_code == 200
    assert not [name for name in preflight.headers.keys() if name.startswith("Access-Control-")]
    simple = client.get(path, headers={"Origin": "https://evil.example.com"})
    assert not [name for name in simple.headers.keys() if name.startswith("Access-Control-")]


def test_api8_the_live_server_names_no_version_and_runs_without_debug(app, tmp_path):
    assert app.debug is False
    spec = app.test_client().get("/swagger.json")
    assert (spec.status_code, spec.json["swagger"]) == (200, "2.0")
    ui = app.test_client().get("/swagger/")
    assert ui.status_code == 200
    assert "script-src 'self'" in ui.headers["Content-Security-Policy"]
    with build_app(tmp_path).app_context():
        db.engine.dispose()  # the copy of the test database is written; the server opens it
    with live_server(tmp_path / "test.db", workers=1) as server:
        status, body, headers = server.request("GET", "/nowhere")
    assert status == 404
    assert headers["Server"] == "gunicorn"
    assert "X-Powered-By" not in headers
    assert body == {"message": "No such path. See /swagger/ for the list of endpoints."}


# API9:2023 Improper Inventory Management -------------------------------------------------------

# Routes that serve the documentation itself, and Flask-RESTX's root (a 404 of its own).
DOC_ENDPOINTS = {
    "static", "specs", "openapi", "restx_doc.static", "root",
    "swagger_page.show", "api_swagger_page.show",
}  # fmt: skip


def test_api9_every_route_is_documented_and_every_documented_route_exists(app, client):
    spec = client.get("/swagger.json").json
    documented = {
        (path, method.upper())
        for path, operations in spec["paths"].items()
        for method in operations
        if method != "parameters"
    }
    served = {
        (re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule), method)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in DOC_ENDPOINTS
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert served - documented == set()
    assert documented - served == set()
    undocumented = {rule.rule for rule in app.url_map.iter_rules()} - {
        rule.rule for rule in app.url_map.iter_rules() if rule.endpoint not in DOC_ENDPOINTS
    }
    assert undocumented == {
        "/",
        "/static/<path:filename>",
        "/swagger.json",
        "/openapi.json",
        "/swagger/",
        "/swagger/<path:path>",
        "/swaggerui/<path:filename>",
        "/api/swagger/",
        "/api/swagger/<path:path>",
    }
    root = client.get("/")
    assert (root.status_code, root.json) == (
        404,
        {"message": "No such path. See /swagger/ for the list of endpoints."},
    )
