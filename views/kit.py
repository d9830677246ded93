"""The CRUD kit every family's catalog-like resources share: one namespace builder."""

from flask_restx import Namespace, Resource
from marshmallow import Schema

from helpers.http.cache import invalidates_public_cache, public_answer
from helpers.http.decorators import admin_required
from helpers.http.params import ORDER_PARAMS, PAGE_PARAMS, page_request
from helpers.http.schemas import OPTIONAL_BODY, load_body, schema_model
from service.crud import CrudService


def catalog_namespace(
    name: str,
    noun: str,
    service: CrudService,
    schema: Schema,
    description: str,
    conflict: str | None = None,
    used_by_movies: bool = True,
) -> Namespace:
    """A namespace with the list and item resources of one kind of catalog entry.

    `conflict` describes the 409 of a write that clashes with another entry (a unique name);
    an entry `used_by_movies` cannot be deleted while one refers to it (409).
    """
    ns = Namespace(name, description=description)
    model = schema_model(ns, schema)
    many, partial = type(schema)(many=True), type(schema)(partial=True)
    changes_model = schema_model(ns, partial, f"{model.name}Changes")
    conflicts = {"responses": {"409": (conflict, None, {})}} if conflict else {}
    in_use = {"responses": {"409": ("Still used by movies", None, {})}} if used_by_movies else {}

    @ns.route("/")
    class EntryList(Resource):
        @ns.doc(id=f"list_{name}", params={**PAGE_PARAMS, **ORDER_PARAMS})
        @ns.response(200, "Success", [model])
        @ns.response(400, "Bad page or limit")
        def get(self):
            page = page_request(ordered=True)
            return public_answer((name, page), lambda: many.dump(service.list(page)))

        @ns.doc(id=f"create_{noun}", **conflicts)
        @ns.expect(model)
        @ns.response(201, "Created", model)
        @ns.response(400, "Validation failed")
        @invalidates_public_cache
        @admin_required
        def post(self):
            return schema.dump(service.create(load_body(schema))), 201

    @ns.route("/<int:obj_id>")
    @ns.response(404, "Not found")
    class EntryItem(Resource):
        @ns.doc(id=f"get_{noun}")
        @ns.response(200, "Success", model)
        def get(self, obj_id: int):
            return public_answer((noun, obj_id), lambda: schema.dump(service.get(obj_id)))

        @ns.doc(id=f"replace_{noun}", **conflicts)
        @ns.expect(model)
        @ns.response(200, "Updated", model)
        @ns.response(400, "Validation failed")
        @invalidates_public_cache
        @admin_required
        def put(self, obj_id: int):
            return schema.dump(service.update(obj_id, load_body(schema)))

        @ns.doc(id=f"update_{noun}", params=OPTIONAL_BODY, **conflicts)
        @ns.expect(changes_model)
        @ns.response(200, "Updated", model)
        @ns.response(400, "Validation failed")
        @invalidates_public_cache
        @admin_required
        def patch(self, obj_id: int):
            return schema.dump(service.update(obj_id, load_body(partial)))

        @ns.doc(id=f"delete_{noun}", **in_use)
        @ns.response(204, "Deleted")
        @invalidates_public_cache
        @admin_required
        def delete(self, obj_id: int):
            service.delete(obj_id)
            return "", 204

    _describe(EntryList, EntryItem, noun, name)
    return ns


def _describe(list_resource, item_resource, noun: str, plural: str) -> None:
    """Swagger summaries, which Flask-RESTX takes from the methods' docstrings."""
    list_resource.get.__doc__ = (
        f"List {plural}: one `page` (12 a page unless `limit`), or the first 1000 without `page`"
    )
    list_resource.post.__doc__ = f"Create a {noun} (admin)"
    item_resource.get.__doc__ = f"Get one {noun}"
    item_resource.put.__doc__ = f"Replace a {noun} (admin)"
    item_resource.patch.__doc__ = f"Change some fields of a {noun} (admin)"
    item_resource.delete.__doc__ = f"Delete a {noun} (admin)"
