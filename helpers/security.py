"""Passwords and credentials: pure functions, no database, no request.

Hashing is werkzeug's (scrypt by default, salted per password). Tokens are JWTs signed with
HS256 only; the algorithm is pinned on decode so `alg: none` or a swapped algorithm is refused.
Opaque API tokens are derived from a random seed and the secret, and looked up by digest.
Phone login codes and invite codes come from `secrets`; a login code is stored as an HMAC.
"""

import hashlib
import hmac
import secrets
import string
import uuid
from datetime import datetime, timedelta
from functools import lru_cache

import jwt
from werkzeug.security import check_password_hash, generate_password_hash

ALGORITHM = "HS256"
ACCESS = "access"
REFRESH = "refresh"
REQUIRED_CLAIMS = ["sub", "type", "iat", "exp", "jti", "ver"]
INVITE_ALPHABET = string.ascii_uppercase + string.digits
INVITE_CODE_LENGTH = 6


class InvalidToken(Exception):
    """The token is malformed, forged, expired or of the wrong type."""


def hash_password(password: str, method: str) -> str:
    return generate_password_hash(password, method=method)


@lru_cache(maxsize=4)
def _dummy_hash(method: str) -> str:
    return generate_password_hash(secrets.token_hex(16), method=method)


def verify_password(password: str, password_hash: str | None, method: str) -> bool:
    """Check a password; with no hash (unknown user) still spend the time a check takes."""
    if not password_hash:
        check_password_hash(_dummy_hash(method), password)
        return False
    return check_password_hash(password_hash, password)


def issue_token(
    user_id: int, version: int, token_type: str, ttl: timedelta, secret: str, now: datetime
) -> str:
    """Sign a token of `token_type` for the user at their current token version, issued `now`."""
    claims = {
        "sub": str(user_id),
        "type": token_type,
        "ver": version,
        "iat": now,
        "exp": now + ttl,
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


LATEST_EXPIRY = 2**37  # seconds: the year 6325, and within every datetime's range


def decode_token(token: str, secret: str, token_type: str, now: datetime | None) -> dict:
    """The claims of a token we signed, of `token_type`, unexpired `now` (any expiry if None);
    raise InvalidToken otherwise."""
    try:
        claims = dict(_signed_claims(token, secret))
    except jwt.PyJWTError as exc:
        raise InvalidToken(str(exc)) from exc
    # Only a holder of the secret can sign odd claims, but they must never crash a request.
    if type(claims["exp"]) is not int or not 0 < claims["exp"] < LATEST_EXPIRY:
        raise InvalidToken("exp is not a time")
    if now is not None and claims["exp"] <= now.timestamp():
        raise InvalidToken("Signature has expired")
    if claims["type"] != token_type or not str(claims["sub"]).isdigit():
        raise InvalidToken("wrong token type")
    return claims


@lru_cache(maxsize=1024)
def _signed_claims(token: str, secret: str) -> dict:
    """PyJWT's verdict on a token's signature and claims, all but its expiry (checked per use).

    Every authenticated request presents the same token again and again, and PyJWT's decode
    costs about a tenth of a request. The verdict on a given token never changes, so it is kept
    for the most recent tokens of this worker; refused tokens raise and are never kept. Whether
    the user still accepts the token (its version) is checked in the database on every request.
    """
    return jwt.decode(
        token,
        secret,
        algorithms=[ALGORITHM],
        options={"require": REQUIRED_CLAIMS, "verify_exp": False},
    )


def new_api_key_seed() -> str:
    return secrets.token_hex(32)


def derive_api_key(seed: str, secret: str) -> str:
    """The 40-hex-character API key of a random seed; without the secret the seed is useless."""
    return hmac.new(secret.encode(), seed.encode(), hashlib.sha256).hexdigest()[:40]


def digest_api_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_phone_code() -> str:
    """Four random digits for a phone login."""
    return f"{secrets.randbelow(10_000):04d}"


def hash_phone_code(code: str, phone: str, secret: str) -> str:
    """The stored form of a login code: HMAC-SHA256 keyed by the secret, bound to the number.

    A bare SHA-256 of four digits is reversed by trying all 10,000; without the key it is not.
    """
    return hmac.new(secret.encode(), f"{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def verify_phone_code(code: str, phone: str, secret: str, code_hash: str) -> bool:
    return hmac.compare_digest(hash_phone_code(code, phone, secret), code_hash)


def new_invite_code() -> str:
    """Six random characters from A-Z and 0-9."""
    return "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_CODE_LENGTH))
