"""Route guards: they put the authenticated user on `flask.g` and document the auth in Swagger."""

from functools import wraps

from flask import g, request

from dao.model.accounts import User
from helpers.container import auth_service
from helpers.errors import Forbidden, Unauthorized
from helpers.http.docs import ADMINS_ONLY

SECURITY_SCHEME = "Authorization"
AUTHORIZATIONS = {
    SECURITY_SCHEME: {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "`Bearer <jwt>`, `JWT <jwt>` or `Token <api token>`",
    }
}


def documented(wrapper, responses: dict, secured: bool = False):
    """Add the answers a guard gives (and its auth scheme, if `secured`) to the view's Swagger
    doc; what the view documents itself for the same status wins."""
    doc = dict(getattr(wrapper, "__apidoc__", {}))
    if secured:
        doc["security"] = [{SECURITY_SCHEME: []}]
    doc["responses"] = {**responses, **doc.get("responses", {})}
    wrapper.__apidoc__ = doc
    return wrapper


def require_user() -> User:
    """The user the request's credentials name, also put on `g.user`; raise Unauthorized."""
    g.user = auth_service.authenticate(request.headers.get("Authorization"))
    return g.user


def require_admin() -> User:
    """Like `require_user`, and raise Forbidden for anyone who is not an admin."""
    user = require_user()
    if not user.is_admin:
        raise Forbidden("Only administrators may do this.")
    return user


def viewer_is_admin() -> bool:
    """Whether the request's credentials name an admin; missing or bad ones name a guest (a
    public endpoint answers them as it answers anyone)."""
    try:
        return require_user().is_admin
    except Unauthorized:
        return False


def auth_required(view):
    """Refuse the request (401) unless its credentials name a user; that user goes on `g.user`."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        require_user()
        return view(*args, **kwargs)

    return documented(wrapper, {"401": ("Missing or invalid credentials", None, {})}, secured=True)


def admin_required(view):
    """Like `auth_required`, and refuse (403) anyone who is not an admin."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        require_admin()
        return view(*args, **kwargs)

    responses = {
        "401": ("Missing or invalid credentials", None, {}),
        "403": (ADMINS_ONLY, None, {}),
    }
    return documented(wrapper, responses, secured=True)
