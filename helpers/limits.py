"""Rate limits on the endpoints that take credentials (Flask-Limiter).

Storage is in memory by default and Redis when `REDIS_URL` is set (shared by every worker).
"""

from contextlib import suppress

from flask import current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from helpers.errors import DomainError
from helpers.phone import InvalidPhoneNumber, normalise
from helpers.schemas import request_data

LOGIN_FIELDS = ("email", "username", "telephone_number")

limiter = Limiter(key_func=get_remote_address)


def _account_key() -> str:
    """The account a login attempt is about, so guessing is limited per account too."""
    try:
        data = request_data(allow_form=True)
    except DomainError:
        data = {}
    login = next((data[name] for name in LOGIN_FIELDS if isinstance(data.get(name), str)), "")
    login = login.strip().lower()
    if "telephone_number" in data:  # one number however it is written
        with suppress(InvalidPhoneNumber):
            login = normalise(login, current_app.config["PHONE_REGION"])
    return f"account:{request.path}:{login}"


def per_address(view):
    """Limit each client address to AUTH_RATE_LIMIT requests on this endpoint."""
    return limiter.limit(lambda: current_app.config["AUTH_RATE_LIMIT"])(view)


def per_account_failures(view):
    """Limit failed logins to LOGIN_FAILURE_LIMIT per account, and requests per address.

    A failure is a 401, or a 400 on the families whose login answers wrong credentials so.
    """
    limited = limiter.limit(
        lambda: current_app.config["LOGIN_FAILURE_LIMIT"],
        key_func=_account_key,
        deduct_when=lambda response: response.status_code in (400, 401),
    )(view)
    return per_address(limited)
