"""Shop product writes (seed 003): admins only; create 201, replace and update 200, delete 204;
strict bodies, exact decimal prices."""

from decimal import Decimal

import pytest

from dao.model.shop import Product
from tests.shop_data import add_product

NEW = {
    "name": "  Walnut Desk Organizer ",
    "description": "Five compartments.",
    "price": "42.50",
    "quantity_in_stock": 12,
    "images": ["https://img.example.com/organizer.jpg", "http://img.example.com/b.png"],
}
EXTRAS = {"id": 9, "extra": 1}


@pytest.fixture
def lamp(app):
    return add_product(app, "Desk Lamp", "54.95", 18, "Dimmable.")


def stored(query, product_id: int):
    return query(lambda s: s.get(Product, product_id))


def test_admin_creates_a_product(client, admin, query):
    response = client.post("/api/products", json=NEW, headers=admin)
    assert response.status_code == 201
    assert response.json == {**NEW, "id": 1, "name": "Walnut Desk Organizer"}
    product = stored(query, 1)
    assert (product.name, product.price, product.quantity_in_stock) == (
        "Walnut Desk Organizer",
        Decimal("42.50"),
        12,
    )


@pytest.mark.parametrize(
    ("price", "shown"),
    [
        (19.99, "19.99"),
        ("5", "5.00"),
        (7, "7.00"),
        ("0.01", "0.01"),
        ("99999999.99", "99999999.99"),
        ("12.50", "12.50"),
        ("3.100", "3.10"),
    ],
)
def test_price_is_kept_exactly_with_two_places(client, admin, query, price, shown):
    response = client.post("/api/products/", json={**NEW, "price": price}, headers=admin)
    assert response.status_code == 201
    assert response.json["price"] == shown
    assert stored(query, 1).price == Decimal(shown)
    assert client.get("/api/products/1").json["price"] == shown


def test_description_defaults_to_empty(client, admin):
    body = {k: v for k, v in NEW.items() if k != "description"}
    response = client.post("/api/products", json=body, headers=admin)
    assert response.json["description"] == ""


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": None}, "name"),
        ({"name": 5}, "name"),
        ({"description": "x" * 5001}, "description"),
        ({"price": 0}, "price"),
        ({"price": "-1.00"}, "price"),
        ({"price": "1.999"}, "price"),
        ({"price": 0.001}, "price"),
        ({"price": "100000000"}, "price"),
        ({"price": "1e30"}, "price"),
        ({"price": "NaN"}, "price"),
        ({"price": "Infinity"}, "price"),
        ({"price": "cheap"}, "price"),
        ({"price": "1e2"}, "price"),
        ({"price": "1_000"}, "price"),
        ({"price": " 5"}, "price"),
        ({"price": True}, "price"),
        ({"price": None}, "price"),
        ({"price": [1]}, "price"),
        ({"quantity_in_stock": -1}, "quantity_in_stock"),
        ({"quantity_in_stock": 1.5}, "quantity_in_stock"),
        ({"quantity_in_stock": "3"}, "quantity_in_stock"),
        ({"quantity_in_stock": True}, "quantity_in_stock"),
        ({"quantity_in_stock": 1_000_001}, "quantity_in_stock"),
        ({"quantity_in_stock": 10**40}, "quantity_in_stock"),
    ],
)
def test_bad_product_is_400_and_nothing_is_written(client, admin, query, change, field):
    response = client.post("/api/products", json={**NEW, **change}, headers=admin)
    assert response.status_code == 400
    assert response.json["message"] == "The request body is invalid."
    assert list(response.json["errors"]) == [field]
    assert query(lambda s: s.query(Product).count()) == 0


@pytest.mark.parametrize("method", ["post", "put", "patch"])
def test_an_id_or_unknown_field_in_a_product_is_ignored(client, admin, lamp, query, method):
    path = "/api/products" if method == "post" else f"/api/products/{lamp}"
    response = getattr(client, method)(path, json={**NEW, **EXTRAS}, headers=admin)
    product_id = 2 if method == "post" else lamp
    assert response.status_code == (201 if method == "post" else 200)
    assert response.json == {**NEW, "id": product_id, "name": "Walnut Desk Organizer"}
    assert stored(query, product_id).name == "Walnut Desk Organizer"
    assert stored(query, 9) is None
    assert query(lambda s: s.query(Product).count()) == (2 if method == "post" else 1)


@pytest.mark.parametrize("missing", ["name", "price", "quantity_in_stock"])
def test_missing_required_field_is_400(client, admin, missing):
    body = {k: v for k, v in NEW.items() if k != missing}
    response = client.post("/api/products", json=body, headers=admin)
    assert response.status_code == 400
    assert response.json["errors"] == {missing: ["Missing data for required field."]}


def test_admin_replaces_a_product(client, admin, lamp, query):
    body = {"name": "Floor Lamp", "price": "99.00", "quantity_in_stock": 4}
    response = client.put(f"/api/products/{lamp}", json=body, headers=admin)
    assert response.status_code == 200
    assert response.json == {**body, "id": lamp, "description": "", "images": []}
    assert stored(query, lamp).description == ""


def test_replace_needs_the_whole_product(client, admin, lamp, query):
    response = client.put(f"/api/products/{lamp}", json={"name": "Floor Lamp"}, headers=admin)
    assert response.status_code == 400
    assert set(response.json["errors"]) == {"price", "quantity_in_stock"}
    assert stored(query, lamp).name == "Desk Lamp"


def test_admin_updates_some_fields(client, admin, lamp, query):
    response = client.patch(
        f"/api/products/{lamp}/", json={"price": 49.9, "quantity_in_stock": 0}, headers=admin
    )
    assert response.status_code == 200
    assert response.json == {
        "id": lamp,
        "name": "Desk Lamp",
        "description": "Dimmable.",
        "price": "49.90",
        "quantity_in_stock": 0,
        "images": [],
    }
    assert stored(query, lamp).price == Decimal("49.90")


def test_bad_update_changes_nothing(client, admin, lamp, query):
    response = client.patch(
        f"/api/products/{lamp}", json={"name": "X", "price": "0.00"}, headers=admin
    )
    assert response.status_code == 400
    assert list(response.json["errors"]) == ["price"]
    assert stored(query, lamp).name == "Desk Lamp"


def test_admin_deletes_a_product(client, admin, lamp, query):
    response = client.delete(f"/api/products/{lamp}", headers=admin)
    assert response.status_code == 204
    assert response.data == b""
    assert stored(query, lamp) is None
    assert client.get(f"/api/products/{lamp}").status_code == 404


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_writing_an_unknown_product_is_404(client, admin, method):
    response = getattr(client, method)("/api/products/999", json=NEW, headers=admin)
    assert response.status_code == 404
    assert response.json == {"message": "Product 999 not found."}


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/products"),
        ("put", "/api/products/1"),
        ("patch", "/api/products/1"),
        ("delete", "/api/products/1"),
    ],
)
def test_guest_cannot_write_products(client, lamp, query, method, path):
    response = getattr(client, method)(path, json=NEW)
    assert response.status_code == 401
    assert response.json == {"message": "Authentication credentials were not provided."}
    assert stored(query, lamp).name == "Desk Lamp"
    assert query(lambda s: s.query(Product).count()) == 1


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/products"),
        ("put", "/api/products/1"),
        ("patch", "/api/products/1"),
        ("delete", "/api/products/1"),
    ],
)
def test_customer_cannot_write_products(app, client, lamp, query, method, path, signed_in):
    headers = signed_in("shop", "ann")
    response = getattr(client, method)(path, json=NEW, headers=headers)
    assert response.status_code == 403
    assert response.json == {"message": "Only administrators may do this."}
    assert stored(query, lamp).name == "Desk Lamp"
    assert query(lambda s: s.query(Product).count()) == 1


def test_a_product_without_images_has_none(client, admin, query):
    body = {key: value for key, value in NEW.items() if key != "images"}
    response = client.post("/api/products", json=body, headers=admin)
    assert (response.status_code, response.json["images"]) == (201, [])
    assert stored(query, 1).images == []


def test_images_are_changed_alone_and_kept_in_order(client, admin, query, lamp):
    images = [f"https://img.example.com/lamp-{n}.jpg" for n in range(10)]
    response = client.patch(f"/api/products/{lamp}", json={"images": images}, headers=admin)
    assert (response.status_code, response.json["images"]) == (200, images)
    assert (stored(query, lamp).images, stored(query, lamp).name) == (images, "Desk Lamp")
    cleared = client.patch(f"/api/products/{lamp}", json={"images": []}, headers=admin)
    assert (cleared.status_code, stored(query, lamp).images) == (200, [])


NOT_A_URL = ["Not a valid URL."]


@pytest.mark.parametrize(
    ("images", "errors"),
    [
        ([f"https://img.example.com/{n}.jpg" for n in range(11)], ["At most 10 images."]),
        (["ftp://img.example.com/a.jpg"], {"0": NOT_A_URL}),
        (["/images/a.jpg"], {"0": NOT_A_URL}),
        (["javascript:alert(1)"], {"0": NOT_A_URL}),
        (["https://img.example.com/a.jpg", ""], {"1": NOT_A_URL}),
        (["https://img.example.com/" + "a" * 2048], {"0": ["Longer than maximum length 2048."]}),
        ("https://img.example.com/a.jpg", ["Not a valid list."]),
        ([7], {"0": NOT_A_URL}),
        (None, ["Field may not be null."]),
    ],
    ids=[
        "eleven",
        "ftp",
        "relative",
        "javascript",
        "empty",
        "long",
        "not-a-list",
        "number",
        "null",
    ],
)
def test_bad_images_are_400_and_nothing_is_written(client, admin, query, lamp, images, errors):
    response = client.patch(f"/api/products/{lamp}", json={"images": images}, headers=admin)
    assert (response.status_code, response.json) == (
        400,
        {"message": "The request body is invalid.", "errors": {"images": errors}},
    )
    assert stored(query, lamp).images == []
