"""Rate limits on the endpoints that take credentials, counted by the `limits` library.

Counters are kept in memory by default and in Redis when `REDIS_URL` is set (shared by every
worker), in fixed windows. Only the decorated handlers look at a counter: other requests pay
nothing (Flask-Limiter, used before, resolved limits on every request of the app, about a
tenth of the cost of a small authenticated one). A refusal is a 429 whose Retry-After is the
time left in the window.
"""

import math
import time
from contextlib import suppress
from functools import wraps

from flask import Flask, current_app, g, request
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import MemoryStorage, storage_from_string
from limits.strategies import FixedWindowRateLimiter

from helpers.container import auth_service
from helpers.errors import DomainError, TooManyAttempts
from helpers.http.decorators import documented
from helpers.http.schemas import readable, request_data
from helpers.phone import InvalidPhoneNumber, normalise

LOGIN_FIELDS = ("email", "username", "telephone_number")
TOO_MANY_REQUESTS = "Too many requests. Try again later."
# A failed login: a 401, or a 400 on the families whose login answers wrong credentials so.
FAILURE_STATUSES = (400, 401)


class RateLimits:
    """One app's counters: `app.extensions["rate_limits"]`.

    When the shared store (Redis) cannot be reached, each worker counts in its own memory for
    RATELIMIT_FALLBACK_SECONDS (and logs it), then tries the store again: the limits still
    hold, per worker, and logins keep working instead of failing with the store.
    """

    def __init__(self, storage_uri: str, fallback_seconds: float):
        self.shared = not storage_uri.startswith("memory://")
        # A store that does not answer must not hold a login up for long.
        timeouts = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5} if self.shared else {}
        self.storage = storage_from_string(storage_uri, wrap_exceptions=True, **timeouts)
        self.windows = FixedWindowRateLimiter(self.storage)
        self.local_windows = (
            FixedWindowRateLimiter(MemoryStorage()) if self.shared else self.windows
        )
        self.fallback_seconds = fallback_seconds
        self._shared_down_until = 0.0

    def shared_store_is_up(self) -> bool:
        """Whether the shared store answers; while it is known to be down, not asked again."""
        if time.monotonic() < self._shared_down_until:
            return False
        if self.storage.check():
            return True
        self._store_failed("no answer to a ping")
        return False

    def count(self, limit: RateLimitItem, key: tuple[str, ...]) -> bool:
        """Count one request against `limit`; False if that went over it."""
        return self._counted(lambda windows: windows.hit(limit, *key))

    def hit(self, limit: RateLimitItem, key: tuple[str, ...]) -> None:
        """Count one request against `limit`; raise TooManyAttempts if it is over."""
        if not self.count(limit, key):
            self.refuse(limit, key)

    def check(self, limit: RateLimitItem, key: tuple[str, ...]) -> None:
        """Raise TooManyAttempts if `limit` is used up, without counting this request."""
        if not self._counted(lambda windows: windows.test(limit, *key)):
            self.refuse(limit, key)

    def refuse(self, limit: RateLimitItem, key: tuple[str, ...]) -> None:
        stats = self._counted(lambda windows: windows.get_window_stats(limit, *key))
        raise TooManyAttempts(TOO_MANY_REQUESTS, math.ceil(stats.reset_time - time.time()))

    def reset(self) -> None:
        self._shared_down_until = 0.0
        for windows in {self.windows, self.local_windows}:
            with suppress(StorageError):
                windows.storage.reset()

    def _counted(self, operation):
        """`operation(windows)` on the shared store, or on this worker's memory while the
        shared one is unreachable."""
        if self.shared and time.monotonic() >= self._shared_down_until:
            try:
                return operation(self.windows)
            except StorageError as exc:
                self._store_failed(type(exc.storage_error).__name__)
        return operation(self.local_windows)

    def _store_failed(self, reason: str) -> None:
        self._shared_down_until = time.monotonic() + self.fallback_seconds
        current_app.logger.warning(
            "Rate-limit store unreachable (%s): counting in this worker's memory for %s s.",
            reason,
            self.fallback_seconds,
        )


def init_app(app: Flask) -> None:
    app.extensions["rate_limits"] = RateLimits(
        app.config["RATELIMIT_STORAGE_URI"], app.config["RATELIMIT_FALLBACK_SECONDS"]
    )
    app.after_request(_count_failed_login)


def shared_store_status() -> str | None:
    """For /health: "ok" or "unreachable" with a shared store (REDIS_URL), else None."""
    counters = current_app.extensions["rate_limits"]
    if not counters.shared:
        return None
    return "ok" if counters.shared_store_is_up() else "unreachable"


def _counters() -> RateLimits | None:
    """The app's counters, or None when limits are switched off (RATELIMIT_ENABLED)."""
    if not current_app.config["RATELIMIT_ENABLED"]:
        return None
    return current_app.extensions["rate_limits"]


def _failed_login_limit() -> RateLimitItem:
    return parse(current_app.config["LOGIN_FAILURE_LIMIT"])


def _address_key() -> tuple[str, ...]:
    """Each endpoint and method counts alone, per client address (the proxy's, unless
    TRUSTED_PROXIES lets ProxyFix put the forwarded one here)."""
    return ("address", request.endpoint or "", request.method, request.remote_addr or "")


def _account_key() -> tuple[str, ...]:
    """The account a login attempt is about, whichever login form, field or path spelling is
    used: the signed-in user, or the account the body's email, username or phone number
    names (the text itself when it names none), so guessing is limited per account too."""
    user = g.get("user")
    if user is not None:
        return ("account", str(user.id))
    try:
        data = request_data(allow_form=True)
    except DomainError:
        data = {}
    login = next((data[name] for name in LOGIN_FIELDS if isinstance(data.get(name), str)), "")
    login = readable(login).strip()  # a counter's key must be text Redis can store
    if "telephone_number" in data:  # one number however it is written
        with suppress(InvalidPhoneNumber):
            login = normalise(login, current_app.config["PHONE_REGION"])
    # In any case: guesses at "ANN" count against the account "ann" too.
    account = login and (auth_service.account_id(login) or auth_service.account_id(login.lower()))
    return ("account", str(account)) if account else ("login", login.lower())


def per_address(view):
    """Limit each client address to AUTH_RATE_LIMIT requests on this endpoint."""

    @wraps(view)
    def limited(*args, **kwargs):
        counters = _counters()
        if counters is not None:
            counters.hit(parse(current_app.config["AUTH_RATE_LIMIT"]), _address_key())
        return view(*args, **kwargs)

    return documented(limited, {"429": ("Too many requests; see Retry-After", None, {})})


def per_account_failures(view):
    """Limit failed logins to LOGIN_FAILURE_LIMIT per account, and requests per address.

    The account's count is checked before the login and raised after it, by the answer's
    status (`_count_failed_login`), so successful logins never use it up. Below
    `auth_required` (a password change), the account is the signed-in user's.
    """

    @wraps(view)
    def limited(*args, **kwargs):
        counters = _counters()
        if counters is not None:
            g.failed_login_key = _account_key()
            counters.check(_failed_login_limit(), g.failed_login_key)
        return view(*args, **kwargs)

    return per_address(limited)


def _count_failed_login(response):
    key = g.pop("failed_login_key", None)
    if key is not None and response.status_code in FAILURE_STATUSES:
        current_app.extensions["rate_limits"].count(_failed_login_limit(), key)
    return response
