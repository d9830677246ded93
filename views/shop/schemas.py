"""Bodies of the shop (seed 003): tokens, products, product filters, offers, orders."""

from decimal import Decimal

from marshmallow import (
    ValidationError,
    fields,
    validate,
    validates_schema,
)

from helpers.http.schemas import (
    ClearableText,
    EmailAddress,
    Flag,
    Moment,
    Money,
    Schema,
    Trimmed,
)
from service.shop.pricing import KINDS
from views.accounts import EXAMPLE_ACCESS_TOKEN, EXAMPLE_EMAIL, EXAMPLE_REFRESH_TOKEN

MAX_PRICE = Decimal("99999999.99")
MAX_STOCK = 1_000_000
MAX_PARTS = 100
MAX_IMAGES = 10
MAX_URL = 2048
ORDERINGS = ("price", "-price", "name", "-name")
# Money strings as patterns (Swagger 2.0 has no range on strings): 0 to 99999999.99, and
# 0.01 to 99999999.99, with at most 2 places.
AMOUNT_PATTERN = r"^0*[0-9]{1,8}(\.[0-9]{1,2})?$"
PRICE_PATTERN = r"^(0*[1-9][0-9]{0,7}(\.[0-9]{1,2})?|0+\.(0[1-9]|[1-9][0-9]?))$"
# The examples' product and order, of the bundled demo data (fixtures/products.json, offers.json):
# product 1 (38 in stock) and an order of 2 of it, with offer 2's 15 % off (active since
# 2026-11-01): 49.80 − 7.47 = 42.33.
EXAMPLE_PRODUCT = {
    "id": 1,
    "name": "Ceramic Pour-Over Coffee Dripper",
    "description": "Size 02 dripper in matte white porcelain; fits most mugs and carafes.",
    "price": "24.90",
    "quantity_in_stock": 38,
    "images": [
        "https://images.example.com/products/1/front.jpg",
        "https://images.example.com/products/1/side.jpg",
    ],
}
EXAMPLE_QUANTITY = 2


class TokenPairSchema(Schema):
    access = fields.String(
        required=True, metadata={"description": "JWT access token", "example": EXAMPLE_ACCESS_TOKEN}
    )
    refresh = fields.String(
        required=True,
        metadata={"description": "JWT refresh token", "example": EXAMPLE_REFRESH_TOKEN},
    )


class RefreshSchema(Schema):
    credentials = ("refresh",)
    refresh = fields.String(
        required=True,
        validate=validate.Length(1, 4096),
        metadata={"example": EXAMPLE_REFRESH_TOKEN},
    )


class ProductSchema(Schema):
    id = fields.Integer(dump_only=True, metadata={"example": EXAMPLE_PRODUCT["id"]})
    name = Trimmed(
        required=True,
        validate=validate.Length(1, 200),
        metadata={"example": EXAMPLE_PRODUCT["name"]},
    )
    description = Trimmed(
        load_default="",
        validate=validate.Length(max=5000),
        metadata={"example": EXAMPLE_PRODUCT["description"]},
    )
    price = Money(
        required=True,
        validate=validate.Range(Decimal("0.01"), MAX_PRICE),
        metadata={
            "description": 'Decimal string with 2 places, e.g. "19.99" (a JSON number is read too)',
            "pattern": PRICE_PATTERN,
            "example": EXAMPLE_PRODUCT["price"],
        },
    )
    quantity_in_stock = fields.Integer(
        strict=True,
        required=True,
        validate=validate.Range(0, MAX_STOCK),
        metadata={"example": EXAMPLE_PRODUCT["quantity_in_stock"]},
    )
    images = fields.List(
        fields.Url(schemes={"http", "https"}, validate=validate.Length(max=MAX_URL)),
        load_default=list,
        validate=validate.Length(max=MAX_IMAGES, error=f"At most {MAX_IMAGES} images."),
        metadata={
            "description": f"0 to {MAX_IMAGES} absolute http(s) links to pictures, in order",
            "example": EXAMPLE_PRODUCT["images"],
        },
    )


class ProductFilterSchema(Schema):
    """The query string of the product list (`page` and `limit` are the paginator's)."""

    name_contains = Trimmed(
        data_key="search",
        validate=validate.Length(max=100),
        metadata={"description": "Part of the name (any case)"},
    )
    min_price = Money(
        validate=validate.Range(0, MAX_PRICE),
        metadata={"description": "Lowest price, e.g. 10.00", "pattern": AMOUNT_PATTERN},
    )
    max_price = Money(
        validate=validate.Range(0, MAX_PRICE),
        metadata={"description": "Highest price", "pattern": AMOUNT_PATTERN},
    )
    in_stock = Flag(metadata={"description": "true: only products in stock"})
    ordering = fields.String(validate=validate.OneOf(ORDERINGS))

    @validates_schema
    def price_range(self, data, **kwargs):
        low, high = data.get("min_price"), data.get("max_price")
        if low is not None and high is not None and low > high:
            raise ValidationError("Must not be less than min_price.", "max_price")


def _offer_count(description: str, example: int | None) -> fields.Integer:
    return fields.Integer(
        strict=True,
        allow_none=True,
        load_default=None,
        validate=validate.Range(1, MAX_STOCK),
        metadata={"description": description, "example": example},
    )


def _moment(description: str, example: str) -> Moment:
    return Moment(
        allow_none=True,
        load_default=None,
        metadata={"description": f"ISO 8601 with the time zone; {description}", "example": example},
    )


class OfferSchema(Schema):
    """A special offer. Fields its kind does not use are null."""

    id = fields.Integer(dump_only=True)
    kind = fields.String(
        required=True,
        validate=validate.OneOf(KINDS),
        metadata={
            "description": "`buy_x_get_y`: with `buy` units of the product, `get` more free; "
            "`percent_off`: `percent` off the product, or off the whole order (no product)",
            "example": "buy_x_get_y",
        },
    )
    product = fields.Integer(
        attribute="product_id",
        strict=True,
        allow_none=True,
        load_default=None,
        validate=validate.Range(min=1),
        metadata={
            "description": "Product id; null: a percent_off on the whole order",
            "example": 1,
        },
    )
    buy = _offer_count("buy_x_get_y: units paid for in each group", 1)
    get = _offer_count("buy_x_get_y: units free in each group", 1)
    percent = fields.Integer(
        strict=True,
        allow_none=True,
        load_default=None,
        validate=validate.Range(1, 100),
        metadata={"description": "percent_off: 1 to 100", "example": None},
    )
    starts_at = _moment(
        "active from then on (inclusive); null: from now", "2026-12-01T00:00:00+00:00"
    )
    ends_at = _moment(
        "active until then (exclusive); null: until deleted", "2027-01-01T00:00:00+00:00"
    )


class OfferListingSchema(Schema):
    everything = Flag(
        data_key="all",
        load_default=False,
        metadata={"description": "true (admins only): every offer, future and expired included"},
    )


class OrderPartSchema(Schema):
    product = fields.Integer(
        attribute="product_id",
        strict=True,
        required=True,
        validate=validate.Range(min=1),
        metadata={"description": "Product id", "example": EXAMPLE_PRODUCT["id"]},
    )
    product_name = fields.String(
        dump_only=True,
        metadata={"description": "Name when bought", "example": EXAMPLE_PRODUCT["name"]},
    )
    quantity_in_order = fields.Integer(
        strict=True,
        required=True,
        validate=validate.Range(1, MAX_STOCK),
        metadata={"example": EXAMPLE_QUANTITY},
    )
    price = Money(
        dump_only=True,
        metadata={"description": "Unit price when bought", "example": EXAMPLE_PRODUCT["price"]},
    )
    discount = Money(
        dump_only=True,
        metadata={"description": "Taken off this part by the offers, in all", "example": "7.47"},
    )
    offer = fields.Integer(
        attribute="offer_id",
        dump_only=True,
        allow_none=True,
        metadata={"description": "Id of the product offer applied, or null", "example": 2},
    )


class OrderSchema(Schema):
    id = fields.Integer(dump_only=True, metadata={"example": 1})
    parts = fields.List(
        fields.Nested(OrderPartSchema),
        required=True,
        validate=validate.Length(1, MAX_PARTS, error=f"An order has 1 to {MAX_PARTS} parts."),
        metadata={
            "example": [{"product": EXAMPLE_PRODUCT["id"], "quantity_in_order": EXAMPLE_QUANTITY}]
        },
    )
    created = fields.DateTime(
        format="iso",
        dump_only=True,
        metadata={
            "description": "ISO 8601, with the time zone",
            "example": "2026-12-01T12:00:00+00:00",
        },
    )
    user = fields.Integer(attribute="user_id", dump_only=True, metadata={"example": 4})
    subtotal = Money(
        dump_only=True, metadata={"description": "Sum of price × quantity", "example": "49.80"}
    )
    discount = Money(
        dump_only=True, metadata={"description": "Sum of the parts' discounts", "example": "7.47"}
    )
    total = Money(
        dump_only=True, metadata={"description": "subtotal − discount", "example": "42.33"}
    )
    offer = fields.Integer(
        attribute="offer_id",
        dump_only=True,
        allow_none=True,
        metadata={"description": "Id of the order-wide offer applied, or null", "example": None},
    )

    @validates_schema
    def each_product_once(self, data, **kwargs):
        seen = set()
        for index, part in enumerate(data.get("parts", [])):
            if part["product_id"] in seen:
                message = f"Product {part['product_id']} is already in the order."
                raise ValidationError({"parts": {index: {"product": [message]}}})
            seen.add(part["product_id"])


class OrderLineSchema(OrderPartSchema):
    """A part as answered: `product` is null once the product has been deleted."""

    product = fields.Integer(
        attribute="product_id",
        allow_none=True,
        metadata={
            "description": "Product id, null once the product is deleted",
            "example": EXAMPLE_PRODUCT["id"],
        },
    )


class PlacedOrderSchema(OrderSchema):
    """An order as answered (its parts may name deleted products)."""

    parts = fields.List(
        fields.Nested(OrderLineSchema),
        metadata={
            "example": [
                {
                    "product": EXAMPLE_PRODUCT["id"],
                    "product_name": EXAMPLE_PRODUCT["name"],
                    "quantity_in_order": EXAMPLE_QUANTITY,
                    "price": EXAMPLE_PRODUCT["price"],
                    "discount": "7.47",
                    "offer": 2,
                }
            ]
        },
    )


class IdempotencyKeySchema(Schema):
    key = fields.String(
        data_key="Idempotency-Key",
        validate=validate.Length(1, 255),
        metadata={
            "description": "Up to 255 characters. Sent again (within 24 hours) with the same "
            "parts, it returns the order it placed instead of placing another."
        },
    )


class MeSchema(Schema):
    """The signed-in user's profile in the shop: the one identity every family shares
    (`first_name`/`last_name` are the movie catalog's `name`/`surname`)."""

    id = fields.Integer(dump_only=True, metadata={"example": 4})
    username = fields.String(
        dump_only=True,
        allow_none=True,
        metadata={"description": "null when none", "example": "ann"},
    )
    email = EmailAddress(
        metadata={
            "description": "null for a phone-only account; cannot be cleared once set",
            "example": EXAMPLE_EMAIL,
        }
    )
    first_name = ClearableText(
        attribute="name",
        validate=validate.Length(max=100),
        metadata={"description": "or null", "example": "Ann"},
    )
    last_name = ClearableText(
        attribute="surname",
        validate=validate.Length(max=100),
        metadata={"description": "or null", "example": "Smith"},
    )
