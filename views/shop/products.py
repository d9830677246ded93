"""Products of the shop (seed 003): `/api/products`, `/api/products/<id>`.

Reading is public and ignores any Authorization header; writing is for admins.
"""

from flask_restx import Namespace

from helpers.container import product_service
from helpers.http.docs import operation
from helpers.http.params import PAGE_PARAMS, envelope_schema, page_envelope, page_request
from helpers.http.schemas import load_query, schema_model, schema_params
from views.kit import Rows, crud_routes
from views.shop.schemas import ProductFilterSchema, ProductSchema

ns = Namespace("products", description="Shop products: search and, for admins, editing")

product_schema, products_schema = ProductSchema(), ProductSchema(many=True)
filter_schema = ProductFilterSchema()
product_model = schema_model(ns, product_schema)
changes_model = schema_model(ns, ProductSchema(partial=True), "ProductChanges")
page_model = schema_model(ns, envelope_schema(ProductSchema), "ProductPage")


products = Rows(
    noun="product",
    service=product_service,
    schema=product_schema,
    model=product_model,
    changes_model=changes_model,
    deleted="Deleted; orders keep their parts, with `product` null",
    not_found="No such product",
)


@operation(
    ns,
    "list_products",
    params={**PAGE_PARAMS, **schema_params(filter_schema)},
    answers={200: ("Success", page_model), 400: "Bad page, limit or filter"},
)
def list_products(self):
    """List products, 50 a page unless `limit`; search, filter and order them"""
    filters, page = load_query(filter_schema), page_request(50, always_paged=True)
    ordering = filters.pop("ordering", None)
    found, count = product_service.search(filters, page, ordering)
    return page_envelope(products_schema.dump(found), count, page)


crud_routes(ns, products, list_products)
