"""The pricing rules of offers (CONTRACTS.md, 003 beyond the seed), as a table of orders and
what the offers take off them: no database, no clock."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from dao.model.shop import Offer
from service.shop.pricing import Line, free_units, price_order

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
KETTLE, MUG = 1, 2


def bogo(offer_id: int, product: int, buy: int = 1, get: int = 1, **window) -> Offer:
    return Offer(id=offer_id, kind="buy_x_get_y", product_id=product, buy=buy, get=get, **window)


def percent(offer_id: int, amount: int, product: int | None = None, **window) -> Offer:
    return Offer(id=offer_id, kind="percent_off", product_id=product, percent=amount, **window)


def line(product: int, price: str, quantity: int) -> Line:
    return Line(product, Decimal(price), quantity)


def priced(lines: list[Line], offers: list[Offer], moment: datetime = NOON) -> tuple:
    """What each line had taken off and by which offer, and the order-wide offer."""
    result = price_order(lines, offers, moment)
    return [(str(part.discount), part.offer_id) for part in result.lines], result.offer_id


@pytest.mark.parametrize(
    ("quantity", "buy", "get", "free"),
    [
        (1, 1, 1, 0),
        (2, 1, 1, 1),
        (3, 1, 1, 1),
        (4, 1, 1, 2),
        (2, 1, 2, 1),
        (3, 1, 2, 2),
        (7, 2, 1, 2),
        (9, 2, 1, 3),
        (5, 3, 2, 2),
    ],
)
def test_free_units(quantity, buy, get, free):
    assert free_units(quantity, buy, get) == free


@pytest.mark.parametrize(
    ("quantity", "discount", "offer"),
    [(1, "0.00", None), (2, "12.50", 1), (3, "12.50", 1), (4, "25.00", 1)],
)
def test_buy_one_get_one(quantity, discount, offer):
    assert priced([line(MUG, "12.50", quantity)], [bogo(1, MUG)]) == ([(discount, offer)], None)


def test_buy_one_get_two_on_two_units_gives_one_free():
    assert priced([line(MUG, "12.50", 2)], [bogo(1, MUG, 1, 2)]) == ([("12.50", 1)], None)


def test_buy_two_get_one_on_seven_units_gives_two_free():
    assert priced([line(MUG, "12.50", 7)], [bogo(1, MUG, 2, 1)]) == ([("25.00", 1)], None)


def test_an_offer_on_another_product_takes_nothing():
    assert priced([line(KETTLE, "79.99", 2)], [bogo(1, MUG)]) == ([("0.00", None)], None)


def test_of_two_product_offers_the_one_saving_most_applies():
    offers = [percent(1, 10, MUG), bogo(2, MUG)]  # 10 % of 50.00 is 5.00; one free mug 12.50
    assert priced([line(MUG, "12.50", 4)], offers) == ([("25.00", 2)], None)
    assert priced([line(MUG, "12.50", 1)], offers) == ([("1.25", 1)], None)  # bogo saves 0


def test_on_a_tie_the_lower_id_applies():
    offers = [percent(7, 50, MUG), bogo(3, MUG)]  # both take 12.50 off two mugs
    assert priced([line(MUG, "12.50", 2)], offers) == ([("12.50", 3)], None)
    offers = [percent(2, 50, MUG), bogo(3, MUG)]
    assert priced([line(MUG, "12.50", 2)], offers) == ([("12.50", 2)], None)


def test_of_two_order_wide_offers_only_the_larger_applies():
    lines = [line(KETTLE, "79.99", 1), line(MUG, "12.50", 2)]
    assert priced(lines, [percent(1, 5), percent(2, 20)]) == ([("16.00", None), ("5.00", None)], 2)


def test_order_wide_percent_comes_after_the_product_offer_rounded_in_steps():
    # The contract's example: 3 × 19.99 = 59.97; 15 % is 8.9955 → 9.00; 10 % of 50.97 is
    # 5.097 → 5.10; the line has 14.10 taken off (total 45.87).
    offers = [percent(1, 15, KETTLE), percent(2, 10)]
    assert priced([line(KETTLE, "19.99", 3)], offers) == ([("14.10", 1)], 2)


def test_half_a_cent_rounds_up():
    # 5 % of 0.10 is 0.005 → 0.01; of 0.30, 0.015 → 0.02.
    lines = [line(KETTLE, "0.10", 1), line(MUG, "0.30", 1)]
    assert priced(lines, [percent(1, 5)]) == ([("0.01", None), ("0.02", None)], 1)


def test_an_order_wide_offer_that_saves_nothing_does_not_apply():
    assert priced([line(KETTLE, "0.01", 1)], [percent(1, 10)]) == ([("0.00", None)], None)


def test_hundred_percent_off_leaves_nothing_for_the_order_wide_offer():
    offers = [percent(1, 100, KETTLE), percent(2, 50)]
    lines = [line(KETTLE, "79.99", 2), line(MUG, "12.50", 1)]
    assert priced(lines, offers) == ([("159.98", 1), ("6.25", None)], 2)
    assert priced([line(KETTLE, "79.99", 2)], offers) == ([("159.98", 1)], None)


@pytest.mark.parametrize(
    ("window", "applies"),
    [
        ({"starts_at": NOON}, True),  # starts this very moment: inclusive
        ({"starts_at": NOON + timedelta(seconds=1)}, False),  # later today
        ({"ends_at": NOON}, False),  # ended this very moment: exclusive
        ({"ends_at": NOON + timedelta(seconds=1)}, True),
        ({"starts_at": NOON - timedelta(hours=3), "ends_at": NOON + timedelta(hours=3)}, True),
        ({"starts_at": NOON - timedelta(hours=3), "ends_at": NOON - timedelta(hours=1)}, False),
        ({}, True),  # no window: always
    ],
)
def test_an_offer_applies_only_inside_its_window(window, applies):
    expected = ([("12.50", 1)], None) if applies else ([("0.00", None)], None)
    assert priced([line(MUG, "12.50", 2)], [bogo(1, MUG, **window)]) == expected


def test_a_window_in_another_time_zone_is_the_same_moment():
    moscow = NOON.astimezone(datetime.fromisoformat("2026-01-01T00:00:00+03:00").tzinfo)
    assert priced([line(MUG, "12.50", 2)], [bogo(1, MUG, starts_at=moscow)]) == (
        [("12.50", 1)],
        None,
    )
