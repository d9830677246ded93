"""Shop tokens and orders (seed 003): `/api/auth`, `/api/refresh`, `/api/order`,
`/api/my-orders`. Tokens are djangorestframework-simplejwt's shapes: `{access, refresh}`.
"""

from flask import g, request
from flask_restx import Namespace, Resource

from helpers.container import auth_service, order_service
from helpers.http.decorators import auth_required
from helpers.http.docs import BAD_PAGE, VALIDATION_FAILED, operation
from helpers.http.limits import per_account_failures, per_address
from helpers.http.params import PAGE_PARAMS, page_request
from helpers.http.schemas import load, load_body, schema_model, schema_params
from views.accounts import UsernameLoginSchema
from views.shop.schemas import (
    IdempotencyKeySchema,
    OrderSchema,
    PlacedOrderSchema,
    RefreshSchema,
    TokenPairSchema,
)

auth_ns = Namespace("shop-auth", description="Shop tokens: log in, refresh")
orders_ns = Namespace("orders", description="Your orders in the shop")

login_schema, refresh_schema = UsernameLoginSchema(), RefreshSchema()
pair_schema = TokenPairSchema()
order_schema, placed_schema = OrderSchema(), PlacedOrderSchema()
placed_list_schema = PlacedOrderSchema(many=True)
key_schema = IdempotencyKeySchema()
pair_model = schema_model(auth_ns, pair_schema, "ShopTokenPair")
NEW_PAIR = ("Success", pair_model)
order_model = schema_model(orders_ns, order_schema)
placed_model = schema_model(orders_ns, placed_schema, "PlacedOrder")


def token_pair(access: str, refresh: str) -> dict:
    return pair_schema.dump({"access": access, "refresh": refresh})


@auth_ns.route("/auth")
class ShopLogin(Resource):
    @operation(
        auth_ns,
        body=schema_model(auth_ns, login_schema, "ShopLogin"),
        answers={200: NEW_PAIR, 400: VALIDATION_FAILED, 401: "Wrong username or password"},
    )
    @per_account_failures
    def post(self):
        """Log in with username (or email) and password; get an access and a refresh token"""
        data = load_body(login_schema)
        return token_pair(*auth_service.log_in(data["username"], data["password"]))


@auth_ns.route("/refresh")
class ShopRefresh(Resource):
    @operation(
        auth_ns,
        body=schema_model(auth_ns, refresh_schema, "ShopRefresh"),
        answers={
            200: NEW_PAIR,
            400: VALIDATION_FAILED,
            401: "Refresh token invalid, expired or already used",
        },
    )
    @per_address
    def post(self):
        """Exchange a refresh token (once) for a new pair"""
        return token_pair(*auth_service.refresh(load_body(refresh_schema)["refresh"]))


@orders_ns.route("/order")
class OrderPlacement(Resource):
    @operation(
        orders_ns,
        body=order_model,
        params=schema_params(key_schema, location="header"),
        answers={
            201: ("Placed (or placed earlier with the same Idempotency-Key)", placed_model),
            400: "Validation failed, unknown product or not enough stock",
            422: "Idempotency-Key already used for different parts",
        },
    )
    @auth_required
    def post(self):
        """Place an order: every part is bought, or none"""
        parts = load_body(order_schema)["parts"]
        order, replayed = order_service.place(g.user, parts, idempotency_key())
        return placed_schema.dump(order), 201, {"Idempotent-Replayed": "true"} if replayed else {}


@orders_ns.route("/my-orders")
class MyOrders(Resource):
    @operation(
        orders_ns, params=PAGE_PARAMS, answers={200: ("Success", [placed_model]), 400: BAD_PAGE}
    )
    @auth_required
    def get(self):
        """List your orders, newest first: a `page`, or the first UNPAGED_LIMIT (1000)"""
        return placed_list_schema.dump(order_service.list_for(g.user, page_request()))


def idempotency_key() -> str | None:
    """The request's `Idempotency-Key` header, validated; None without one."""
    value = request.headers.get("Idempotency-Key")
    if value is None:
        return None
    return load(key_schema, {"Idempotency-Key": value}, "Invalid Idempotency-Key header.")["key"]
