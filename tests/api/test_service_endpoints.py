"""What every family shares: JSON errors for any input, health, Swagger, no secrets in replies."""

import io
import uuid

import pytest
from sqlalchemy import create_engine, make_url, text

from app import create_app
from config import TestConfig, settings
from dao.model import db
from dao.model.accounts import User
from tests.conftest import PASSWORD, build_app

DEALER_PATHS = ("/register", "/auth", "/auto/{mark}", "/stock")


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "message"),
    [
        ("get", "/nowhere", {}, 404, "No such path. See /swagger/ for the list of endpoints."),
        ("delete", "/genres/", {}, 405, "This method is not allowed on this path."),
        (
            "post",
            "/auth/register",
            {"data": "{not json", "content_type": "application/json"},
            400,
            "Malformed request body: send a valid JSON object.",
        ),
        (
            "post",
            "/auth/register",
            {"json": [1, 2]},
            400,
            "The request body must be a JSON object.",
        ),
        (
            "post",
            "/auth/register",
            {"json": "text"},
            400,
            "The request body must be a JSON object.",
        ),
        (
            "post",
            "/auth/register",
            {"data": "[" * 100_000 + "]" * 100_000, "content_type": "application/json"},
            400,
            "The JSON body is nested too deeply.",
        ),
        (
            "post",
            "/auth/register",
            {"data": "x" * (1024 * 1024 + 1), "content_type": "application/json"},
            413,
            "The request body is too large (the limit is 1 MiB).",
        ),
    ],
)
def test_bad_requests_get_json_errors(client, query, method, path, kwargs, status, message):
    response = getattr(client, method)(path, **kwargs)
    assert response.status_code == status
    assert response.is_json
    assert response.json == {"message": message}
    assert query(lambda s: s.query(User).count()) == 0


def test_405_names_the_allowed_methods(client):
    response = client.delete("/health")
    assert response.status_code == 405
    assert set(response.headers["Allow"].split(", ")) >= {"GET"}


def test_unexpected_error_is_a_json_500(app, client, monkeypatch):
    from helpers.container import movie_service

    def explode(*args):
        raise RuntimeError("boom")

    monkeypatch.setattr(movie_service, "get", explode)
    response = client.get("/movies/1")
    assert response.status_code == 500
    assert response.json == {"message": "Internal server error."}


def test_health(client):
    for path in ["/health", "/health/"]:
        response = client.get(path)
        assert response.status_code == 200
        assert response.json == {"status": "ok", "database": "ok"}


def test_health_reports_an_unreachable_database(tmp_path):
    broken = create_app(
        {**settings(TestConfig), "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/no/such/x.db"}
    )
    response = broken.test_client().get("/health")
    assert response.status_code == 503
    assert response.json == {"status": "degraded", "database": "unreachable"}


def chunked(client, path: str, body: bytes):
    """A request whose body comes chunked, with no Content-Length (as gunicorn hands it on)."""
    return client.post(
        path,
        input_stream=io.BytesIO(body),
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
        environ_overrides={"wsgi.input_terminated": True},
    )


@pytest.mark.parametrize(
    ("path", "answer"),
    [
        ("/auth/login", {"message": "The request body is too large (the limit is 1 MiB)."}),
        ("/auth", {"Error": "The request body is too large (the limit is 1 MiB)."}),
    ],
)
def test_a_chunked_body_over_1_mib_is_413(client, query, path, answer):
    body = b'{"username": "' + b"a" * 1024 * 1024 + b'", "password": "x"}'
    response = chunked(client, path, body)
    assert (response.status_code, response.json) == (413, answer)
    small = chunked(client, path, b'{"username": "nobody", "email": "n@x.io", "password": "x"}')
    assert small.status_code == 401  # read whole, and refused for its credentials only


@pytest.mark.parametrize(
    "body", [b"email=%FF%FEa%40b.co&password=x", b"email=\xff@b.co&password=x"]
)
def test_a_form_body_that_is_not_utf8_is_400(client, query, body):
    before = query(lambda s: s.query(User).count())
    response = client.post(
        "/auth/register", data=body, content_type="application/x-www-form-urlencoded"
    )
    assert (response.status_code, response.json) == (
        400,
        {"message": "The form body is not valid UTF-8."},
    )
    assert query(lambda s: s.query(User).count()) == before


@pytest.mark.parametrize(
    ("method", "doubled", "single"),
    [
        ("get", "/movies//1", "/movies/1"),
        ("get", "//movies/1", "/movies/1"),
        ("post", "/movies//1", "/movies/1"),
        ("post", "/auth/login//", "/auth/login/"),
        ("get", "/auth//login", "/auth/login"),
        ("get", "/stock//", "/stock/"),
        ("delete", "/api//cassetes//3", "/api/cassetes/3"),
    ],
)
def test_doubled_slashes_answer_as_the_single_slash_path(client, method, doubled, single):
    def send(path: str):
        return getattr(client, method)("/", json={}, environ_overrides={"PATH_INFO": path})

    response, expected = send(doubled), send(single)
    assert response.status_code == expected.status_code != 308
    assert (response.json, response.headers.get("Allow")) == (
        expected.json,
        expected.headers.get("Allow"),
    )


UNAVAILABLE = {"message": "The database is unavailable. Try again shortly."}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("get", "/movies/", None),
        ("get", "/api/products", None),
        ("post", "/auth/login", {"email": "ann@example.com", "password": "1"}),
        ("post", "/api/auth/signup", {"username": "rick", "password": "123"}),
    ],
)
def test_an_unreachable_database_is_503_json(tmp_path, method, path, body):
    closed_port = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    client = build_app(tmp_path, closed_port).test_client()
    response = getattr(client, method)(path, json=body)
    assert (response.status_code, response.json) == (503, UNAVAILABLE)
    assert response.headers["Retry-After"] == "5"


def test_a_connection_the_database_dropped_is_replaced_before_use(tmp_path, postgres_url):
    if postgres_url is None:
        pytest.skip("TEST_POSTGRES_URL is not set: needs a PostgreSQL server to drop a connection")
    name = f"storefront-{uuid.uuid4().hex[:12]}"
    url = make_url(postgres_url).update_query_dict({"application_name": name})
    app = build_app(tmp_path, url.render_as_string(hide_password=False))
    client = app.test_client()
    assert client.get("/movies/1").status_code == 200  # the pool now holds a connection
    admin_engine = create_engine(postgres_url)
    with admin_engine.connect() as admin:  # as a restart would
        dropped = admin.execute(
            text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                 "WHERE application_name = :name"),
            {"name": name},
        ).scalar()  # fmt: skip
    admin_engine.dispose()
    assert dropped >= 1
    app.config["PUBLIC_CACHE_SECONDS"] = 0
    assert client.get("/movies/1").status_code == 200
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("path", ["/swagger/", "/swagger", "/api/swagger", "/api/swagger/"])
def test_swagger_page_offers_both_specs_from_the_server_itself(client, path):
    response = client.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '"url": "/openapi.json", "name": "OpenAPI 3.1"' in page
    assert '"url": "/swagger.json", "name": "Swagger 2.0"' in page
    assert "https://" not in page  # scripts, styles and the validator: none from elsewhere
    with client.get(f"{path.rstrip('/')}/swagger-ui-bundle.js") as script:
        assert (script.status_code, script.mimetype) == (200, "text/javascript")
    with client.get(f"{path.rstrip('/')}/swagger-ui.css") as style:
        assert b"swagger-ui" in style.data


def test_swagger_spec_documents_every_endpoint_with_models(client):
    spec = client.get("/swagger.json").json
    paths = spec["paths"]
    expected = {
        "/movies/": {"get", "post"},
        "/movies/{movie_id}": {"get", "put", "patch", "delete"},
        "/genres/": {"get", "post"},
        "/directors/{director_id}": {"get", "put", "patch", "delete"},
        "/auth/register": {"post"},
        "/auth/login": {"post", "put"},
        "/user/": {"get", "patch"},
        "/user/password": {"put"},
        "/favorites/movies/": {"get"},
        "/favorites/movies/{movie_id}": {"post", "delete"},
        "/health": {"get"},
    }
    for path, methods in expected.items():
        assert methods <= set(paths[path]), path
    assert (
        paths["/movies/"]["get"]["responses"]["200"]["schema"]["items"]["$ref"]
        == "#/definitions/Movie"
    )
    assert {"Movie", "Genre", "Director", "Register", "TokenPair", "Profile"} <= set(
        spec["definitions"]
    )
    assert paths["/user/"]["get"]["security"] == [{"Authorization": []}]
    assert "security" not in paths["/movies/"]["get"]
    operation_ids = [
        op["operationId"]
        for item in paths.values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    ]
    assert len(operation_ids) == len(set(operation_ids))


def test_no_model_of_the_spec_refuses_unknown_fields(client):
    """Every family ignores fields a body does not know, so no model may promise a refusal."""

    def refusals(node) -> list:
        if isinstance(node, dict):
            found = [node] if node.get("additionalProperties") is False else []
            return found + [r for value in node.values() for r in refusals(value)]
        if isinstance(node, list):
            return [r for value in node for r in refusals(value)]
        return []

    assert refusals(client.get("/swagger.json").json) == []


def test_every_password_in_the_spec_is_1_to_128_characters(client):
    models = client.get("/swagger.json").json["definitions"]
    passwords = {
        n: m["properties"]["password"]
        for n, m in models.items()
        if "password" in m.get("properties", {})
    }
    assert {n: (p["minLength"], p["maxLength"]) for n, p in passwords.items()} == dict.fromkeys(
        ["Register", "Login", "VhsSignup", "VhsLogin", "DealerSignup", "DealerLogin", "ShopLogin"],
        (1, 128),
    )


def test_every_operation_documents_the_errors_any_request_may_get(client):
    """Any error (NUL in the URL is 400 anywhere, said once in the API's description) has the
    family's Error model; a body over 1 MiB is 413 wherever one is read."""
    spec = client.get("/swagger.json").json
    assert "NUL" in spec["info"]["description"]
    for path, item in spec["paths"].items():
        error = "#/definitions/DealerError" if path in DEALER_PATHS else "#/definitions/Error"
        for method, operation in item.items():
            if method == "parameters":
                continue
            parameters = operation.get("parameters", []) + item.get("parameters", [])
            reads_a_body = any(p["in"] == "body" for p in parameters)
            answers = operation["responses"]
            assert answers["default"]["schema"] == {"$ref": error}, (method, path)
            assert ("413" in answers) == reads_a_body, (method, path)
            for status, answer in answers.items():
                if status[0] in "45":
                    assert answer["schema"] == {"$ref": error}, (method, path, status)
                    assert "NUL" not in answer["description"], (method, path, status)


def test_nul_in_the_url_of_any_operation_is_400(client, user_headers):
    response = client.get("/user/?x=%00", headers=user_headers)
    assert response.status_code == 400
    assert response.json == {"message": "NUL characters are not allowed in the URL."}


def test_no_response_carries_a_password_or_hash(client, make_user, query):
    tokens = make_user("ann@example.com")
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    password_hash = query(lambda s: s.get(User, 1).password_hash)
    responses = [
        client.post("/auth/register", json={"email": "z@example.com", "password": PASSWORD}),
        client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD}),
        client.post("/auth/login", json={"email": "ann@example.com", "password": "wrong-one-1"}),
        client.get("/user/", headers=headers),
        client.patch("/user/", json={"password": PASSWORD}, headers=headers),
        client.put(
            "/user/password", json={"password_1": PASSWORD, "password_2": "x"}, headers=headers
        ),
    ]
    for response in responses:
        text = response.get_data(as_text=True)
        assert PASSWORD not in text
        assert password_hash not in text
        assert "pbkdf2" not in text


@pytest.mark.parametrize("path", ["/movies/%00", "/api/v1/users/%00/", "/movies/?status=%00"])
def test_nul_in_the_url_is_400(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response.json == {"message": "NUL characters are not allowed in the URL."}
