"""A family of the API: its namespaces and where they are mounted, its error dialect, and its
demo data. `create_app` installs every family of `views.FAMILIES`; deleting a family is its
own folders, its fixtures and its line there."""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_restx import Api, Namespace
from marshmallow import Schema
from sqlalchemy.orm import Session

from helpers.http.docs import complete_docs
from helpers.http.errors import (
    Dialect,
    ErrorBodySchema,
    ErrorReply,
    register_dialect,
    standard_body,
)
from helpers.http.schemas import schema_model


@dataclass(frozen=True)
class Family:
    name: str
    namespaces: tuple[tuple[Namespace, str], ...]
    # Its error dialect, where it is not the standard one: how the body is written (the car
    # dealer's `{"Error"}`), and its own answer to some domain errors, by class.
    # error_schema describes what error_body writes, for the Swagger page.
    error_body: Callable[[ErrorReply], dict] = standard_body
    error_schema: Schema = field(default_factory=ErrorBodySchema)
    error_answers: dict[type, ErrorReply] = field(default_factory=dict)
    demo_data: tuple[Callable[[Session], None], ...] = ()

    def install(self, api: Api) -> None:
        for namespace, path in self.namespaces:
            api.add_namespace(namespace, path=path)
            complete_docs(namespace, self._error_model(namespace))
            if self.error_body is not standard_body or self.error_answers:
                dialect = Dialect(owns_path(namespace, path), self.error_body, self.error_answers)
                register_dialect(api.app, dialect)

    def _error_model(self, namespace: Namespace):
        standard = self.error_body is standard_body
        return schema_model(
            namespace, self.error_schema, "Error" if standard else f"{self.name.title()}Error"
        )


def owns_path(namespace: Namespace, mounted_at: str) -> Callable[[str], bool]:
    """Whether a request path belongs to the namespace's routes, routed or not (`/auto/`
    has no mark, but is the dealer's). A route's variable part may hold anything."""
    prefixes, exact = [], set()
    for _, urls, *_ in namespace.resources:
        for url in urls:
            full = "/" + "/".join(part.strip("/") for part in (mounted_at, url) if part.strip("/"))
            static, variable, _ = full.partition("<")
            if variable:
                prefixes.append(static)
                exact.add(static.rstrip("/"))
            else:
                exact.add(full.rstrip("/"))

    def owns(path: str) -> bool:
        return path.rstrip("/") in exact or any(path.startswith(p) for p in prefixes)

    return owns
