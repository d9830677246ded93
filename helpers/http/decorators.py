"""Route guards: they put the authenticated user on `flask.g` and document the auth in Swagger."""

from functools import wraps

from flask import g, request

from helpers.container import auth_service
from helpers.errors import Forbidden

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


def auth_required(view):
    """Refuse the request (401) unless its credentials name a user; that user goes on `g.user`."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        g.user = auth_service.authenticate(request.headers.get("Authorization"))
        return view(*args, **kwargs)

    return documented(wrapper, {"401": ("Missing or invalid credentials", None, {})}, secured=True)


def admin_required(view):
    """Like `auth_required`, and refuse (403) anyone who is not an admin."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not g.user.is_admin:
            raise Forbidden("Only administrators may do this.")
        return view(*args, **kwargs)

    guarded = auth_required(wrapper)
    return documented(guarded, {"403": ("Administrators only", None, {})}, secured=True)
