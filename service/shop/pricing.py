"""What the special offers take off an order: the one home of the shop's pricing rules.

Plain functions over decimals (CONTRACTS.md, "003, beyond the seed"); an offer is anything with
the attributes of `dao.model.shop.Offer`, a transient one in unit tests. Nothing here reads the
database or the clock.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

BUY_X_GET_Y, PERCENT_OFF = "buy_x_get_y", "percent_off"
KINDS = (BUY_X_GET_Y, PERCENT_OFF)
CENT = Decimal("0.01")
NOTHING = Decimal("0.00")


class Terms(Protocol):
    id: int
    kind: str
    product_id: int | None
    buy: int | None
    get: int | None
    percent: int | None

    def active_at(self, moment: datetime) -> bool: ...


@dataclass(frozen=True)
class Line:
    """One part of an order: `quantity` units of a product at its unit `price`."""

    product_id: int
    price: Decimal
    quantity: int

    @property
    def subtotal(self) -> Decimal:
        return self.price * self.quantity


@dataclass(frozen=True)
class LinePrice:
    discount: Decimal  # everything taken off the line, both steps
    offer_id: int | None  # the product offer applied


@dataclass(frozen=True)
class OrderPrice:
    lines: list[LinePrice]  # in the order of the lines priced
    offer_id: int | None  # the order-wide offer applied


def half_up(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def free_units(quantity: int, buy: int, get: int) -> int:
    """Units a "buy `buy`, get `get` free" offer gives on `quantity`: every full group of
    buy + get has `get` free, and a partial group's units past `buy` are free too."""
    group = buy + get
    return quantity // group * get + max(0, quantity % group - buy)


def percent_of(amount: Decimal, percent: int) -> Decimal:
    return half_up(amount * percent / 100)


def saving(offer: Terms, line: Line) -> Decimal:
    """What a product offer takes off `line`."""
    if offer.kind == BUY_X_GET_Y:
        return line.price * free_units(line.quantity, offer.buy, offer.get)
    return percent_of(line.subtotal, offer.percent)


def best(savings: list[tuple[Decimal, Terms]]) -> tuple[Decimal, Terms | None]:
    """The offer that saves most (the lower id on a tie); none if none saves a cent."""
    most, chosen = NOTHING, None
    for amount, offer in sorted(savings, key=lambda pair: pair[1].id):
        if amount > most:
            most, chosen = amount, offer
    return most, chosen


def price_order(lines: Sequence[Line], offers: Sequence[Terms], moment: datetime) -> OrderPrice:
    """Apply the `offers` active at `moment` to an order's `lines`.

    First each line takes its best product offer; then the best order-wide `percent_off` takes
    its percent off what is left of every line. Each step rounds half-up, once per line.
    """
    active = [offer for offer in offers if offer.active_at(moment)]
    firsts = [best_for_line(line, active) for line in lines]
    left = [line.subtotal - first for line, (first, _) in zip(lines, firsts, strict=True)]
    seconds, whole = best_for_order(left, active)
    return OrderPrice(
        lines=[
            LinePrice(first + second, offer.id if offer else None)
            for (first, offer), second in zip(firsts, seconds, strict=True)
        ],
        offer_id=whole.id if whole else None,
    )


def best_for_line(line: Line, offers: Sequence[Terms]) -> tuple[Decimal, Terms | None]:
    """Step 1: the product offer that saves most on `line`, and its saving."""
    return best(
        [(saving(offer, line), offer) for offer in offers if offer.product_id == line.product_id]
    )


def best_for_order(
    left: list[Decimal], offers: Sequence[Terms]
) -> tuple[list[Decimal], Terms | None]:
    """Step 2: the order-wide offer that saves most on what is `left` of each line, and what it
    takes off each (nothing, without one)."""
    order_wide = [
        offer for offer in offers if offer.kind == PERCENT_OFF and offer.product_id is None
    ]
    takes = {
        offer.id: [percent_of(amount, offer.percent) for amount in left] for offer in order_wide
    }
    _, whole = best([(sum(takes[offer.id], NOTHING), offer) for offer in order_wide])
    return (takes[whole.id] if whole else [NOTHING] * len(left)), whole
