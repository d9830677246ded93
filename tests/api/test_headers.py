"""Security headers on every answer; CORS off by default and on for configured origins."""

import pytest

from tests.conftest import PASSWORD, bearer, build_app


@pytest.mark.parametrize("path", ["/movies/", "/movies/1", "/nowhere", "/user/", "/health"])
def test_every_answer_carries_security_headers(client, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert (
        response.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    )
    assert response.headers["Cache-Control"] == "no-store"


def test_the_swagger_page_may_load_its_own_scripts(client):
    policy = client.get("/swagger/").headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy


def test_cors_is_off_by_default(client):
    response = client.get("/movies/", headers={"Origin": "https://shop.example.com"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_cors_allows_only_the_configured_origins(tmp_path):
    client = build_app(
        tmp_path, CORS_ORIGINS="https://shop.example.com, https://admin.example.com"
    ).test_client()
    allowed = client.options(
        "/user/",
        headers={
            "Origin": "https://shop.example.com",
            "Access-Control-Request-Method": "PATCH",
            "Access-Control-Request-Headers": "Authorization, Content-Type",
        },
    )
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://shop.example.com"
    assert "PATCH" in allowed.headers["Access-Control-Allow-Methods"]
    other = client.get("/movies/", headers={"Origin": "https://evil.example.com"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_no_answer_sets_a_cookie(client, user_tokens):
    # Every credential is a token: the API keeps no cookie session, even after a login.
    login = client.post("/auth/login", json={"email": "ann@example.com", "password": PASSWORD})
    assert login.status_code == 200
    answers = [login, client.get("/user/", headers=bearer(user_tokens["access_token"]))]
    assert [answer.headers.get_all("Set-Cookie") for answer in answers] == [[], []]
