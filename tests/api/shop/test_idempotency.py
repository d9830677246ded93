"""`Idempotency-Key` on `POST /api/order` (seed 003): a retried request returns the first order
instead of placing a second; keys are per user and kept 24 hours."""

from datetime import timedelta

import pytest

from dao.model.base import utcnow
from dao.model.shop import IdempotencyKey, Order, Product
from tests.shop_data import add_product

ORDER = {"parts": [{"product": 1, "quantity_in_order": 2}]}


@pytest.fixture(autouse=True)
def kettle(app):
    return add_product(app, "Gooseneck Kettle", "79.99", 10)


def place(client, headers, key=None, body=ORDER):
    extra = {} if key is None else {"Idempotency-Key": key}
    return client.post("/api/order", json=body, headers={**headers, **extra})


def counts(query) -> tuple[int, int, int]:
    return query(
        lambda s: (
            s.query(Order).count(),
            s.query(IdempotencyKey).count(),
            s.get(Product, 1).quantity_in_stock,
        )
    )


def test_same_key_returns_the_first_order(client, ann, query):
    first = place(client, ann, "a1b2c3")
    second = place(client, ann, "a1b2c3")
    assert (first.status_code, second.status_code) == (201, 201)
    assert second.json == first.json
    assert "Idempotent-Replayed" not in first.headers
    assert second.headers["Idempotent-Replayed"] == "true"
    assert counts(query) == (1, 1, 8)


def test_parts_in_another_order_are_the_same_request(client, ann, app):
    add_product(app, "Mug", "12.50", 5)
    body = {
        "parts": [{"product": 1, "quantity_in_order": 1}, {"product": 2, "quantity_in_order": 1}]
    }
    first = place(client, ann, "k", body)
    again = place(client, ann, "k", {"parts": body["parts"][::-1]})
    assert again.json == first.json


def test_without_a_key_each_request_is_a_new_order(client, ann, query):
    assert place(client, ann).json["id"] == 1
    assert place(client, ann).json["id"] == 2
    assert counts(query) == (2, 0, 6)


def test_different_keys_place_different_orders(client, ann, query):
    assert place(client, ann, "one").json["id"] != place(client, ann, "two").json["id"]
    assert counts(query) == (2, 2, 6)


def test_keys_belong_to_one_user(app, client, ann, query, signed_in):
    bob = signed_in("shop", "bob")
    first, other = place(client, ann, "same"), place(client, bob, "same")
    assert other.status_code == 201
    assert (first.json["user"], other.json["user"]) == (1, 2)
    assert counts(query) == (2, 2, 6)


def test_key_reused_for_other_parts_is_422(client, ann, query):
    place(client, ann, "k1")
    body = {"parts": [{"product": 1, "quantity_in_order": 3}]}
    response = place(client, ann, "k1", body)
    assert response.status_code == 422
    message = "This Idempotency-Key was already used for a different request."
    assert response.json == {"message": message, "errors": {"Idempotency-Key": [message]}}
    assert counts(query) == (1, 1, 8)


def test_key_expires_after_24_hours(client, ann, query):
    first = place(client, ann, "old")

    def age(session):
        session.get(IdempotencyKey, (1, "old")).created_at = utcnow() - timedelta(hours=25)
        session.commit()

    query(age)
    again = place(client, ann, "old")
    assert again.status_code == 201
    assert again.json["id"] != first.json["id"]
    assert counts(query) == (2, 1, 6)
    assert query(lambda s: s.get(IdempotencyKey, (1, "old")).order_id) == again.json["id"]


def test_key_younger_than_24_hours_still_replays(client, ann, query):
    first = place(client, ann, "recent")

    def age(session):
        session.get(IdempotencyKey, (1, "recent")).created_at = utcnow() - timedelta(hours=23)
        session.commit()

    query(age)
    assert place(client, ann, "recent").json == first.json


def test_failed_order_does_not_use_up_its_key(client, ann, query):
    too_many = {"parts": [{"product": 1, "quantity_in_order": 11}]}
    assert place(client, ann, "retry", too_many).status_code == 400
    assert counts(query) == (0, 0, 10)

    def restock(session):
        session.get(Product, 1).quantity_in_stock = 20
        session.commit()

    query(restock)
    assert place(client, ann, "retry", too_many).status_code == 201
    assert counts(query) == (1, 1, 9)


@pytest.mark.parametrize(
    ("key", "problem"),
    [("k" * 256, "Length must be between 1 and 255."), ("", "Length must be between 1 and 255.")],
)
def test_bad_key_is_400(client, ann, query, key, problem):
    response = place(client, ann, key)
    assert response.status_code == 400
    assert response.json == {
        "message": "Invalid Idempotency-Key header.",
        "errors": {"Idempotency-Key": [problem]},
    }
    assert counts(query) == (0, 0, 10)


def test_key_of_255_characters_is_accepted(client, ann):
    assert place(client, ann, "k" * 255).status_code == 201
