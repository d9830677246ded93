"""Test data of the shop family (seed 003), shared by its test modules."""

from decimal import Decimal

from dao.model import db
from dao.model.shop import Product
from service.shop.products import load_products
from tests.conftest import PASSWORD


def seed_products(app) -> None:
    """The 24 demo products of `fixtures/products.json`."""
    with app.app_context():
        load_products(db.session)
        db.session.commit()


def add_product(app, name: str, price: str, stock: int, description: str = "") -> int:
    with app.app_context():
        product = Product(
            name=name, price=Decimal(price), quantity_in_stock=stock, description=description
        )
        db.session.add(product)
        db.session.commit()
        return product.id


def shop_login(client, username: str, password: str = PASSWORD) -> dict:
    response = client.post("/api/auth", json={"username": username, "password": password})
    assert response.status_code == 200, response.json
    return response.json
