"""The one place where any exception becomes a JSON error response.

Services raise the typed errors of helpers/errors.py; every other failure (unknown path, wrong
method, malformed JSON, oversized body, integrity error, bug) is mapped here too, so no request
ever gets an HTML page. A family with its own error dialect (the car dealer answers
`{"Error": ...}`) declares its renderer; views/family.py registers it for the family's paths.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app, jsonify, request
from marshmallow import fields
from sqlalchemy.exc import IntegrityError, InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException

from dao.model import db
from helpers.errors import Conflict, DomainError, Invalid
from helpers.http.schemas import Schema

DATABASE_UNAVAILABLE = "The database is unavailable. Try again shortly."
HTTP_MESSAGES = {
    400: "Malformed request body: send a valid JSON object.",
    404: "No such path. See /swagger/ for the list of endpoints.",
    405: "This method is not allowed on this path.",
    413: "The request body is too large (the limit is 1 MiB).",
}


@dataclass
class ErrorReply:
    status: int
    message: str
    errors: dict | None = None
    headers: dict = field(default_factory=dict)


class ErrorBodySchema(Schema):
    """What `standard_body` writes (for the Swagger page)."""

    message = fields.String(
        required=True,
        metadata={"description": "What went wrong", "example": "The request body is invalid."},
    )
    errors = fields.Dict(
        keys=fields.String(),
        metadata={
            "description": "The fields at fault and their problems, where there are some",
            "example": {"email": ["Not a valid email address."]},
        },
    )


def standard_body(reply: ErrorReply) -> dict:
    body = {"message": reply.message}
    if reply.errors:
        body["errors"] = reply.errors
    return body


@dataclass(frozen=True)
class Dialect:
    """How a family answers errors on the paths it owns: its body, and its own status and
    words for some domain errors (the car dealer: a taken username is `400 "User already
    exists"`). Services raise the core's errors; the family's contract is kept here."""

    owns: Callable[[str], bool]
    render: Callable[[ErrorReply], dict] = standard_body
    answers: dict[type, ErrorReply] = field(default_factory=dict)

    def answer(self, exc: Exception, reply: ErrorReply) -> ErrorReply:
        for kind in type(exc).__mro__:
            if kind in self.answers:
                own = self.answers[kind]
                return ErrorReply(own.status, own.message, own.errors, reply.headers)
        return reply


def register_dialect(app, dialect: Dialect) -> None:
    app.extensions.setdefault("error_dialects", []).append(dialect)


def _reply(exc: Exception) -> tuple[ErrorReply, Callable[[ErrorReply], dict]]:
    """The answer to `exc` on this request's path, and how its body is written."""
    reply = describe(exc)
    for dialect in current_app.extensions.get("error_dialects", []):
        if dialect.owns(request.path):
            return dialect.answer(exc, reply), dialect.render
    return reply, standard_body


def describe(exc: Exception) -> ErrorReply:
    if isinstance(exc, DomainError):
        return ErrorReply(exc.status, exc.message, exc.errors, exc.headers())
    if isinstance(exc, HTTPException):
        headers = {}
        if exc.code == 405 and getattr(exc, "valid_methods", None):
            headers["Allow"] = ", ".join(exc.valid_methods)
        message = HTTP_MESSAGES.get(exc.code, exc.description or "Request failed.")
        return ErrorReply(exc.code or 500, message, headers=headers)
    if isinstance(exc, IntegrityError):
        db.session.rollback()
        return ErrorReply(409, Conflict.message)
    if isinstance(exc, OperationalError | InterfaceError):  # unreachable, restarting, locked
        current_app.logger.warning(
            "Database unavailable on %s %s: %s", request.method, request.path, type(exc.orig)
        )
        db.session.rollback()
        return ErrorReply(503, DATABASE_UNAVAILABLE, headers={"Retry-After": "5"})
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    db.session.rollback()
    return ErrorReply(500, "Internal server error.")


def restx_error_handler(exc: Exception):
    """Flask-RESTX handler: returns (body, status, headers)."""
    reply, render = _reply(exc)
    return render(reply), reply.status, reply.headers


def flask_error_handler(exc: Exception):
    """Handler for paths Flask-RESTX does not own (unknown paths, for one)."""
    reply, render = _reply(exc)
    response = jsonify(render(reply))
    response.status_code = reply.status
    response.headers.update(reply.headers)
    return response


def refuse_nul_in_url() -> None:
    """No database stores NUL in text (PostgreSQL refuses it): stop it at the door."""
    if "\x00" in request.path or "%00" in request.query_string.decode("latin-1"):
        raise Invalid("NUL characters are not allowed in the URL.")


def register_error_handlers(app, api) -> None:
    app.before_request(refuse_nul_in_url)
    api.errorhandler(Exception)(restx_error_handler)
    app.register_error_handler(Exception, flask_error_handler)
