"""Orders priced with the offers active when placed (003 beyond the seed): what every part and
the order carry, stock taken for free units too, and orders that never change afterwards."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from dao.model.shop import Order, OrderPart, Product
from tests.shop_data import add_product

FILTER, MUG = 1, 2


@pytest.fixture(autouse=True)
def products(app):
    assert add_product(app, "Paper Filters", "19.99", 10) == FILTER
    assert add_product(app, "Stoneware Mug", "12.50", 5) == MUG


@pytest.fixture
def offer(add_offer):
    """Create an offer; its id."""
    return lambda **terms: add_offer(**terms)["id"]


@pytest.fixture
def place(client, ann):
    def place(*parts: tuple[int, int], **headers) -> dict:
        body = {"parts": [{"product": p, "quantity_in_order": n} for p, n in parts]}
        response = client.post("/api/order", json=body, headers={**ann, **headers})
        assert response.status_code == 201, response.json
        return response.json

    return place


def moment(**delta) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


def money(order: dict) -> tuple:
    """An order's amounts, and each part's discount and offer."""
    parts = [(part["discount"], part["offer"]) for part in order["parts"]]
    return order["subtotal"], order["discount"], order["total"], order["offer"], parts


def stored(query, order_id: int) -> list[tuple]:
    return query(
        lambda s: [
            (part.discount, part.offer_id, s.get(Order, order_id).offer_id)
            for part in s.query(OrderPart).filter_by(order_id=order_id).order_by(OrderPart.id)
        ]
    )


def stock(query, product_id: int) -> int:
    return query(lambda s: s.get(Product, product_id).quantity_in_stock)


def test_the_contracts_example_product_and_order_percent_in_steps(place, offer, query):
    on_filters = offer(kind="percent_off", product=FILTER, percent=15)
    on_order = offer(kind="percent_off", percent=10)
    order = place((FILTER, 3))
    assert order["parts"] == [
        {
            "product": FILTER,
            "product_name": "Paper Filters",
            "quantity_in_order": 3,
            "price": "19.99",
            "discount": "14.10",
            "offer": on_filters,
        }
    ]
    assert money(order) == ("59.97", "14.10", "45.87", on_order, [("14.10", on_filters)])
    assert stored(query, order["id"]) == [(Decimal("14.10"), on_filters, on_order)]


def test_each_line_takes_its_own_best_offer_then_the_order_wide_one(place, offer):
    bogo = offer(kind="buy_x_get_y", product=MUG, buy=1, get=1)
    offer(kind="percent_off", product=MUG, percent=10)  # 10 % of 50.00 saves less than 2 mugs
    whole = offer(kind="percent_off", percent=5)
    order = place((FILTER, 2), (MUG, 4))
    # Filters: 39.98, 5 % = 1.999 → 2.00. Mugs: 50.00 − 25.00 free, then 5 % of 25.00 = 1.25.
    assert money(order) == (
        "89.98",
        "28.25",
        "61.73",
        whole,
        [("2.00", None), ("26.25", bogo)],
    )


def test_free_units_are_taken_from_stock_too(place, offer, query, client, ann):
    offer(kind="buy_x_get_y", product=MUG, buy=1, get=1)
    order = place((MUG, 4))
    assert money(order)[:3] == ("50.00", "25.00", "25.00")
    assert stock(query, MUG) == 1
    body = {"parts": [{"product": MUG, "quantity_in_order": 2}]}
    response = client.post("/api/order", json=body, headers=ann)
    assert response.status_code == 400
    assert response.json["message"] == "Not enough stock for Product 'Stoneware Mug': 1 left."
    assert stock(query, MUG) == 1


def test_offers_outside_their_window_do_not_apply(place, offer):
    offer(kind="percent_off", percent=50, starts_at=moment(hours=1))
    offer(kind="percent_off", product=MUG, percent=50, ends_at=moment(seconds=-1))
    order = place((MUG, 1))
    assert money(order) == ("12.50", "0.00", "12.50", None, [("0.00", None)])


def test_an_offer_running_now_applies(place, offer):
    half = offer(
        kind="percent_off", percent=50, starts_at=moment(hours=-1), ends_at=moment(hours=1)
    )
    assert money(place((MUG, 1))) == ("12.50", "6.25", "6.25", half, [("6.25", None)])


def test_a_hundred_percent_off_makes_a_line_free(place, offer, query):
    free = offer(kind="percent_off", product=MUG, percent=100)
    order = place((MUG, 2), (FILTER, 1))
    assert money(order) == ("44.99", "25.00", "19.99", None, [("25.00", free), ("0.00", None)])
    assert stock(query, MUG) == 3


def test_a_changed_or_deleted_offer_changes_no_order(client, admin, ann, place, offer):
    half = offer(kind="percent_off", product=MUG, percent=50)
    placed = place((MUG, 2))
    assert (
        client.patch(f"/api/offers/{half}", json={"percent": 10}, headers=admin).status_code == 200
    )
    assert client.get("/api/my-orders", headers=ann).json == [placed]
    assert client.delete(f"/api/offers/{half}", headers=admin).status_code == 204
    assert client.get("/api/my-orders", headers=ann).json == [placed]
    assert money(placed) == ("25.00", "12.50", "12.50", None, [("12.50", half)])
    assert money(place((MUG, 2))) == ("25.00", "0.00", "25.00", None, [("0.00", None)])


def test_a_retry_after_an_offer_changed_returns_the_first_order(client, admin, ann, offer, query):
    half = offer(kind="percent_off", percent=50)
    body = {"parts": [{"product": MUG, "quantity_in_order": 2}]}
    key = {**ann, "Idempotency-Key": "checkout-1"}
    first = client.post("/api/order", json=body, headers=key)
    assert client.delete(f"/api/offers/{half}", headers=admin).status_code == 204
    again = client.post("/api/order", json=body, headers=key)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json == first.json
    assert money(again.json) == ("25.00", "12.50", "12.50", half, [("12.50", None)])
    assert query(lambda s: s.query(Order).count()) == 1
    assert stock(query, MUG) == 3


def test_a_refused_order_uses_no_offer_and_writes_nothing(client, ann, offer, query):
    offer(kind="buy_x_get_y", product=MUG, buy=1, get=1)
    body = {
        "parts": [
            {"product": FILTER, "quantity_in_order": 1},
            {"product": MUG, "quantity_in_order": 6},
        ]
    }
    response = client.post("/api/order", json=body, headers=ann)
    assert response.status_code == 400
    assert query(lambda s: (s.query(Order).count(), s.query(OrderPart).count())) == (0, 0)
    assert (stock(query, FILTER), stock(query, MUG)) == (10, 5)


@pytest.mark.parametrize(
    ("window", "applies"),
    [
        ({"starts_at": "2026-12-01T12:00:00Z"}, True),
        ({"starts_at": "2026-12-01T15:00:01+03:00"}, False),
        ({"ends_at": "2026-12-01T12:00:00Z"}, False),
        ({"ends_at": "2026-12-01T12:00:01Z"}, True),
    ],
)
def test_an_offer_starting_or_ending_today_applies_from_its_start_until_its_end(
    place, offer, outside, window, applies
):
    half = offer(kind="percent_off", product=MUG, percent=50, **window)
    outside.now = lambda: datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    expected = [("6.25", half)] if applies else [("0.00", None)]
    assert money(place((MUG, 1)))[4] == expected
