"""Products of the shop (seed 003): `/api/products`, `/api/products/<id>`.

Reading is public and ignores any Authorization header; writing is for admins.
"""

from flask_restx import Namespace, Resource

from helpers.container import product_service
from helpers.http.decorators import admin_required
from helpers.http.params import PAGE_PARAMS, envelope_schema, page_envelope, page_request
from helpers.http.schemas import OPTIONAL_BODY, load_body, load_query, query_params, schema_model
from views.shop.schemas import ProductFilterSchema, ProductSchema

ns = Namespace("products", description="Shop products: search and, for admins, editing")

product_schema, products_schema = ProductSchema(), ProductSchema(many=True)
partial_schema, filter_schema = ProductSchema(partial=True), ProductFilterSchema()
product_model = schema_model(ns, product_schema)
changes_model = schema_model(ns, partial_schema, "ProductChanges")
page_model = schema_model(ns, envelope_schema(ProductSchema), "ProductPage")


@ns.route("/")
class ProductList(Resource):
    @ns.doc(id="list_products", params={**PAGE_PARAMS, **query_params(filter_schema)})
    @ns.response(200, "Success", page_model)
    @ns.response(400, "Bad page, limit or filter")
    def get(self):
        """List products, 50 a page unless `limit`; search, filter and order them"""
        filters, page = load_query(filter_schema), page_request(50, always_paged=True)
        ordering = filters.pop("ordering", None)
        products, count = product_service.search(filters, page, ordering)
        return page_envelope(products_schema.dump(products), count, page)

    @ns.doc(id="create_product")
    @ns.expect(product_model)
    @ns.response(201, "Created", product_model)
    @ns.response(400, "Validation failed")
    @admin_required
    def post(self):
        """Create a product (admin)"""
        return product_schema.dump(product_service.create(load_body(product_schema))), 201


@ns.route("/<int:product_id>")
@ns.response(404, "No such product")
class ProductItem(Resource):
    @ns.doc(id="get_product")
    @ns.response(200, "Success", product_model)
    def get(self, product_id: int):
        """Get one product"""
        return product_schema.dump(product_service.get(product_id))

    @ns.doc(id="replace_product")
    @ns.expect(product_model)
    @ns.response(200, "Updated", product_model)
    @ns.response(400, "Validation failed")
    @admin_required
    def put(self, product_id: int):
        """Replace a product (admin)"""
        changes = load_body(product_schema)
        return product_schema.dump(product_service.update(product_id, changes))

    @ns.doc(id="update_product", params=OPTIONAL_BODY)
    @ns.expect(changes_model)
    @ns.response(200, "Updated", product_model)
    @ns.response(400, "Validation failed")
    @admin_required
    def patch(self, product_id: int):
        """Change some fields of a product (admin)"""
        changes = load_body(partial_schema)
        return product_schema.dump(product_service.update(product_id, changes))

    @ns.doc(id="delete_product")
    @ns.response(204, "Deleted; orders keep their parts, with `product` null")
    @admin_required
    def delete(self, product_id: int):
        """Delete a product (admin)"""
        product_service.delete(product_id)
        return "", 204
