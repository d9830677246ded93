"""Configuration from the environment (and `.env`), with defaults that work on a fresh clone."""

import os
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent
# The demo database as shipped, and the working copy every command uses by default: made from
# it the first time one needs it (app.py), git-ignored, so the tracked file stays as shipped.
BUNDLED_DATABASE = BASE_DIR / "data.db"
WORKING_DATABASE = BASE_DIR / "instance" / "data.db"
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-0123456789"
SECRET_KEY_MIN_BYTES = 32
MAKE_A_KEY = "python3 -c 'import secrets; print(secrets.token_hex(32))'"

load_dotenv(BASE_DIR / ".env")


def secret_key_problem(key: str) -> str | None:
    """Why `key` must not sign production tokens, or None: the development default is in
    this repository for anyone to read, and a short key can be guessed."""
    if key == DEV_SECRET_KEY:
        return f"SECRET_KEY is the development default; make one with: {MAKE_A_KEY}"
    if len(key.encode()) < SECRET_KEY_MIN_BYTES:
        return f"SECRET_KEY is under {SECRET_KEY_MIN_BYTES} bytes; make one with: {MAKE_A_KEY}"
    return None


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


class Config:
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", f"sqlite:///{WORKING_DATABASE}")
    # Each worker process keeps up to DB_POOL_SIZE + DB_MAX_OVERFLOW connections (the gthread
    # threads of a worker share them), each checked before use: a database restarted
    # meanwhile costs a reconnect, not an error.
    DB_POOL_SIZE = _env_int("DB_POOL_SIZE", 5)
    DB_MAX_OVERFLOW = _env_int("DB_MAX_OVERFLOW", 5)
    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    HOST = os.environ.get("HOST", "127.0.0.1")
    PORT = _env_int("PORT", 5000)

    ACCESS_TOKEN_TTL = timedelta(minutes=_env_int("ACCESS_TOKEN_MINUTES", 30))
    REFRESH_TOKEN_TTL = timedelta(days=_env_int("REFRESH_TOKEN_DAYS", 30))
    # werkzeug's method string: "scrypt" (default) or e.g. "pbkdf2:sha256:600000".
    PASSWORD_HASH_METHOD = os.environ.get("PASSWORD_HASH_METHOD", "scrypt")
    # The shortest password a sign-up or password change takes (the seeds' clients use "123");
    # a deployment may raise it (SECURITY.md). Logging in takes any stored password.
    PASSWORD_MIN_LENGTH = _env_int("PASSWORD_MIN_LENGTH", 1)

    PAGE_SIZE = _env_int("PAGE_SIZE", 12)
    # A list asked for without `page` answers at most this many rows.
    UNPAGED_LIMIT = _env_int("UNPAGED_LIMIT", 1000)
    PUBLIC_CACHE_SECONDS = float(os.environ.get("PUBLIC_CACHE_SECONDS", 1))
    PUBLIC_CACHE_MAX_BYTES = _env_int("PUBLIC_CACHE_MAX_BYTES", 16 * 1024 * 1024)
    MAX_CONTENT_LENGTH = 1024 * 1024

    # How many reverse proxies in front of the service append to X-Forwarded-For (0: none,
    # the header is ignored); rate limits then key on the real client address.
    TRUSTED_PROXIES = _env_int("TRUSTED_PROXIES", 0)
    # Comma-separated origins allowed to call the API from a browser; empty: CORS off.
    CORS_ORIGINS = os.environ.get("CORS_ORIGINS", "")

    RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
    RATELIMIT_STORAGE_URI = os.environ.get("REDIS_URL", "memory://")
    # With REDIS_URL unreachable, each worker counts alone this long before trying it again.
    RATELIMIT_FALLBACK_SECONDS = float(os.environ.get("RATELIMIT_FALLBACK_SECONDS", 30))
    AUTH_RATE_LIMIT = os.environ.get("AUTH_RATE_LIMIT", "30 per minute")
    LOGIN_FAILURE_LIMIT = os.environ.get("LOGIN_FAILURE_LIMIT", "10 per 15 minutes")

    # Phone login: numbers without a country code are read as PHONE_REGION's; SMS_SENDER is
    # the import path of the sender class (the default shows the code in the response).
    PHONE_REGION = os.environ.get("PHONE_REGION", "RU")
    SMS_SENDER = os.environ.get("SMS_SENDER", "helpers.sms.ResponseSender")
    SMS_DELAY_SECONDS = float(os.environ.get("SMS_DELAY_SECONDS", 1.5))
    PHONE_CODE_TTL = timedelta(minutes=5)
    PHONE_CODE_MAX_TRIES = 5
    PHONE_CODE_RESEND_AFTER = timedelta(seconds=30)

    # Flask-RESTX: our error handlers write the whole body; no "did you mean" hints on 404.
    ERROR_INCLUDE_MESSAGE = False
    RESTX_ERROR_404_HELP = False
    RESTX_MASK_SWAGGER = False
    RESTX_JSON = {"ensure_ascii": False}


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret-key-with-enough-length-0123456789"
    # Fast hashing keeps the suite quick; production keeps the default.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    RATELIMIT_STORAGE_URI = "memory://"
    SMS_DELAY_SECONDS = 0


def settings(config_class: type) -> dict:
    """The upper-case settings of a config class, as a dict for `create_app(overrides)`."""
    return {name: getattr(config_class, name) for name in dir(config_class) if name.isupper()}
