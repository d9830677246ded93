"""Helpers of the phone login family's tests: a clock to move time, and logging in by phone."""

from datetime import UTC, datetime, timedelta

from service.outside import Outside

SIGNUP = "/api/v1/auth/signup/"
LOGIN = "/api/v1/auth/code/"
USERS = "/api/v1/users/"
CODE_KEY = "Ваш код активации"
TOKEN_KEY = "Ваш токен"
INVITE_KEY = "Ваш инвайт код"
ANN = "+79298284301"
BOB = "+79298284302"
CAT = "+79161234567"


class Clock:
    """A clock that stands still until a test moves it."""

    def __init__(self):
        self.now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


def install_clock(outside: Outside) -> Clock:
    """Put the services on a clock the test controls."""
    outside.now = Clock()
    return outside.now


def request_code(client, number: str = ANN):
    return client.post(SIGNUP, json={"telephone_number": number})


def sent_code(client, number: str = ANN) -> str:
    response = request_code(client, number)
    assert response.status_code == 200, response.json
    return response.json[CODE_KEY]


def log_in(client, number: str, code: str):
    return client.post(LOGIN, json={"telephone_number": number, "code": code})


def phone_login(client, number: str = ANN) -> dict:
    """Ask for a code and log in with it: `{"Ваш токен", "Ваш инвайт код"}`."""
    response = log_in(client, number, sent_code(client, number))
    assert response.status_code == 200, response.json
    return response.json


def token(body: dict) -> dict:
    return {"Authorization": f"Token {body[TOKEN_KEY]}"}


def wrong(code: str) -> str:
    """A four-digit code that is not `code`."""
    return f"{(int(code) + 1) % 10_000:04d}"
