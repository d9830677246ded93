"""A family of the API: its namespaces and where they are mounted, its error dialect, and its
demo data. `create_app` installs every family of `views.FAMILIES`; deleting a family is its
own folders, its fixtures and its line there."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_restx import Api, Namespace
from sqlalchemy.orm import Session

from helpers.http.errors import ErrorReply, register_dialect


@dataclass(frozen=True)
class Family:
    name: str
    namespaces: tuple[tuple[Namespace, str], ...]
    # How its errors answer, when not `{"message", "errors"}` (the car dealer's `{"Error"}`).
    error_body: Callable[[ErrorReply], dict] | None = None
    demo_data: tuple[Callable[[Session], None], ...] = ()

    def install(self, api: Api) -> None:
        for namespace, path in self.namespaces:
            api.add_namespace(namespace, path=path)
            if self.error_body is not None:
                register_dialect(api.app, owns_path(namespace, path), self.error_body)


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
