"""What the abuse gates share: accounts of every family, forged credentials, a snapshot of the
whole database (to show that a refused request wrote nothing) and a guard on the network."""

import socket
import uuid
import warnings
from datetime import UTC, datetime, timedelta

import jwt
from sqlalchemy import select

from dao.model import db
from dao.model.accounts import User

TOO_MANY = "Too many requests. Try again later."
BAD_TOKEN = "The token is invalid or expired."
NO_CREDENTIALS = "Authentication credentials were not provided."
ADMINS_ONLY = "Only administrators may do this."
INVALID_BODY = "The request body is invalid."
CASSETTE = {"title": "Rambo", "director": "Ted Kotcheff", "released": "1982-10-22"}
AUTO = {"max_speed": 280, "distance": 400, "handler": "Auto Motors", "stock": "Germany"}
MOVIE = {"title": "Heat", "year": 1995, "rating": 8.3, "genre_id": 1, "director_id": 1}
PRODUCT = {"name": "Print", "price": "10.00", "quantity_in_stock": 10}
DATABASE_ADDRESS = ("127.0.0.1", 5432)  # the PostgreSQL of the test run, when there is one


def dealer_path(path: str) -> bool:
    """The car dealer answers errors as `{"Error": ...}` on these paths."""
    return path.rstrip("/") in ("/register", "/auth", "/stock") or path.startswith("/auto/")


def error(path: str, message: str, errors: dict | None = None) -> dict:
    """The error body a family answers on `path`."""
    if dealer_path(path):
        return {"Error": message}
    return {"message": message, **({"errors": errors} if errors else {})}


def forge(secret: str, user_id: int, algorithm: str = "HS256", **claims) -> str:
    """A JWT with the claims our tokens carry (an access token now), any of them overridden."""
    now = datetime.now(UTC)
    payload = {
        "sub": str(user_id),
        "type": "access",
        "ver": 0,
        "iat": now,
        "exp": now + timedelta(minutes=5),
        "jti": uuid.uuid4().hex,
        **claims,
    }
    payload = {name: value for name, value in payload.items() if value is not None}
    with warnings.catch_warnings():  # PyJWT warns that the key is short for HS512: on purpose
        warnings.simplefilter("ignore")
        return jwt.encode(payload, secret if algorithm != "none" else None, algorithm=algorithm)


def snapshot(session) -> dict:
    """Every row of every table, to compare before and after a request."""
    return {
        table.name: sorted((tuple(row) for row in session.execute(select(table))), key=repr)
        for table in db.metadata.sorted_tables
    }


def user_row(session, user_id: int) -> dict:
    user = session.get(User, user_id)
    return {column.key: getattr(user, column.key) for column in User.__mapper__.column_attrs}


class NetworkGuard:
    """Records and refuses every outgoing connection and name lookup the app tries.

    Nothing leaves the machine: a server that fetched a URL it was given would fail here
    instead of reaching the address.
    """

    def __init__(self, monkeypatch):
        self.attempts: list = []
        real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

        def connect(sock, address):
            if tuple(address[:2]) == DATABASE_ADDRESS:
                return real_connect(sock, address)
            self.attempts.append(address)
            raise ConnectionRefusedError("no network in this test")

        def getaddrinfo(host, port, *args, **kwargs):
            if (host, int(port or 0)) == DATABASE_ADDRESS:
                return real_getaddrinfo(host, port, *args, **kwargs)
            self.attempts.append((host, port))
            raise socket.gaierror("no name lookups in this test")

        monkeypatch.setattr(socket.socket, "connect", connect)
        monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
