"""The CRUD kit: the list and item resources of one kind of row, for every family that serves
rows by id (the movie catalog, cassettes, products). Families differ only in the data of
`Rows`: who may write, how a change answers, whether answers are cached, and their words."""

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_restx import Namespace, Resource
from marshmallow import Schema

from helpers.http.cache import invalidates_public_cache, public_answer
from helpers.http.decorators import admin_required
from helpers.http.docs import BAD_PAGE, VALIDATION_FAILED, operation
from helpers.http.params import ORDER_PARAMS, PAGE_PARAMS, page_request
from helpers.http.schemas import OPTIONAL_BODY, load_body, schema_model
from service.crud import CrudService


@dataclass(frozen=True)
class Rows:
    """One kind of row served by id."""

    noun: str  # in operation ids (`get_<noun>`) and summaries
    service: CrudService
    schema: Schema
    model: object  # the Swagger model of `schema`, and of its partial variant
    changes_model: object
    guard: Callable = admin_required
    id_name: str = ""  # the path parameter: `<noun>_id` unless given
    cached: bool = False  # answers microcached per worker; every write empties the cache
    patch_answers_row: bool = True  # False: a PATCH answers 204 and no body (seed 000)
    write_doc: dict = field(default_factory=dict)  # more docs of create/replace/update (409s)
    delete_doc: dict = field(default_factory=dict)
    deleted: str = "Deleted"  # what a 204 of DELETE says
    not_found: str = "Not found"
    summaries: dict = field(default_factory=dict)  # a method's summary, where not the default

    def summary(self, method: str) -> str:
        admin = " (admin)" if self.guard is admin_required else ""
        default = {
            "post": f"Create a {self.noun}{admin}",
            "get": f"Get one {self.noun}",
            "put": f"Replace a {self.noun}{admin}",
            "patch": f"Change some fields of a {self.noun}{admin}",
            "delete": f"Delete a {self.noun}{admin}",
        }[method]
        return self.summaries.get(method, default)


def crud_routes(
    ns: Namespace, rows: Rows, list_rows: Callable, url: str = "", endpoint: str | None = None,
    op: str | None = None, doc: dict | None = None,
) -> None:  # fmt: skip
    """Route `<url>/` (`list_rows` as its GET, and POST) and `<url>/<id>` on `ns`.

    `op` names the operations (`create_<op>`, ...), the noun unless given; `endpoint` prefixes
    the Flask endpoints, for a second spelling of the same rows.
    """
    op = op or rows.noun
    schema, partial = rows.schema, type(rows.schema)(partial=True)
    guard = _guard_of(rows)
    ids = f"<int:{rows.id_name or rows.noun + '_id'}>"

    def write(op_id: str, answer: dict, **doc) -> Callable:
        """A write's doc: `answer`, a 400 for a body that is not valid, and `rows.write_doc`."""
        answers = {**answer, 400: VALIDATION_FAILED}
        return operation(ns, op_id, answers=answers, **rows.write_doc, **doc)

    @write(f"create_{op}", {201: ("Created", rows.model)}, body=rows.model)
    @guard
    def create(self):
        return schema.dump(rows.service.create(load_body(schema))), 201

    @operation(ns, f"get_{op}", answers={200: ("Success", rows.model)})
    def read(self, **key):
        (obj_id,) = key.values()

        def answer():
            return schema.dump(rows.service.get(obj_id))

        return public_answer((rows.noun, obj_id), answer) if rows.cached else answer()

    @write(f"replace_{op}", {200: ("Updated", rows.model)}, body=rows.model)
    @guard
    def replace(self, **key):
        (obj_id,) = key.values()
        return schema.dump(rows.service.update(obj_id, load_body(schema)))

    patched = {200: ("Updated", rows.model)} if rows.patch_answers_row else {204: "Updated"}

    @write(f"update_{op}", patched, body=rows.changes_model, params=OPTIONAL_BODY)
    @guard
    def update(self, **key):
        (obj_id,) = key.values()
        row = rows.service.update(obj_id, load_body(partial))
        return schema.dump(row) if rows.patch_answers_row else ("", 204)

    @operation(ns, f"delete_{op}", answers={204: rows.deleted}, **rows.delete_doc)
    @guard
    def delete(self, **key):
        (obj_id,) = key.values()
        rows.service.delete(obj_id)
        return "", 204

    for method, view in (
        ("post", create), ("get", read), ("put", replace), ("patch", update), ("delete", delete)
    ):  # fmt: skip
        view.__doc__ = rows.summary(method)

    named = {"endpoint": f"{endpoint}_list"} if endpoint else {}
    ns.route(f"{url}/", doc=doc, **named)(
        type(f"{rows.noun.title()}List", (Resource,), {"get": list_rows, "post": create})
    )
    named = {"endpoint": f"{endpoint}_item"} if endpoint else {}
    item = type(
        f"{rows.noun.title()}Item",
        (Resource,),
        {"get": read, "put": replace, "patch": update, "delete": delete},
    )
    ns.response(404, rows.not_found)(item)
    ns.route(f"{url}/{ids}", doc=doc, **named)(item)


def _guard_of(rows: Rows) -> Callable:
    """The write guard, and with a cache, its emptying after every write."""
    if not rows.cached:
        return rows.guard
    return lambda view: invalidates_public_cache(rows.guard(view))


def catalog_namespace(
    name: str,
    noun: str,
    service: CrudService,
    schema: Schema,
    description: str,
    conflict: str | None = None,
    used_by_movies: bool = True,
) -> Namespace:
    """A namespace of one kind of catalog entry: public reads, cached; admin writes.

    `conflict` describes the 409 of a write that clashes with another entry (a unique name);
    an entry `used_by_movies` cannot be deleted while one refers to it (409).
    """
    ns = Namespace(name, description=description)
    model = schema_model(ns, schema)
    rows = Rows(
        noun=noun,
        service=service,
        schema=schema,
        model=model,
        changes_model=schema_model(ns, type(schema)(partial=True), f"{model.name}Changes"),
        cached=True,
        write_doc={"responses": {"409": (conflict, None, {})}} if conflict else {},
        delete_doc={"responses": {"409": ("Still used by movies", None, {})}}
        if used_by_movies
        else {},
    )
    many = type(schema)(many=True)

    @operation(
        ns,
        f"list_{name}",
        params={**PAGE_PARAMS, **ORDER_PARAMS},
        answers={200: ("Success", [model]), 400: BAD_PAGE},
    )
    def list_entries(self):
        page = page_request(ordered=True)
        return public_answer((name, page), lambda: many.dump(service.list(page)))

    list_entries.__doc__ = (
        f"List {name}: a `page` of PAGE_SIZE (12) unless `limit`, or the first UNPAGED_LIMIT (1000)"
    )
    crud_routes(ns, rows, list_entries)
    return ns
