"""Domain errors: services raise these, named for the condition; they never build responses.

helpers/http/errors.py turns them (and every other failure) into JSON answers.
"""


class DomainError(Exception):
    status = 400
    message = "The request is invalid."

    def __init__(self, message: str | None = None, errors: dict | None = None):
        self.message = message or self.message
        self.errors = errors
        super().__init__(self.message)

    def headers(self) -> dict:
        return {}


class Invalid(DomainError):
    status = 400
    message = "The request body is invalid."


class Unauthorized(DomainError):
    status = 401
    message = "Authentication credentials were missing or invalid."


class WrongCredentials(Unauthorized):
    """A login's name or password is wrong (the same answer for both)."""

    message = "Invalid email or password."


class Forbidden(DomainError):
    status = 403
    message = "You do not have permission to perform this action."


class NotFound(DomainError):
    status = 404
    message = "Not found."


class AlreadyExists(DomainError):
    status = 409
    message = "It already exists."


class Conflict(DomainError):
    status = 409
    message = "The request conflicts with the current state of the data."


class AlreadyActivated(Invalid):
    message = "You have already activated an invite code; only one activation is allowed."


class TooManyAttempts(DomainError):
    """Refused for now; `retry_after` seconds later the same request may succeed."""

    status = 429
    message = "Too many attempts. Try again later."

    def __init__(self, message: str | None = None, retry_after: int = 1):
        super().__init__(message)
        self.retry_after = max(1, retry_after)

    def headers(self) -> dict:
        return {"Retry-After": str(self.retry_after)}


class OutOfStock(DomainError):
    status = 400
    message = "Not enough stock."


class KeyReused(DomainError):
    """An idempotency key sent again with a different request."""

    status = 422
    message = "This Idempotency-Key was already used for a different request."
