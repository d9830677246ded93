"""The shop's special offers: everyone sees the active ones; admins see and edit them all."""

from datetime import datetime

from sqlalchemy.orm import Session

from dao.model.shop import Offer
from dao.shop import OfferDAO, ProductDAO
from helpers.errors import Invalid, NotFound
from service.crud import CrudService
from service.outside import Outside
from service.seed import fixture, rows
from service.shop.pricing import BUY_X_GET_Y, PERCENT_OFF

TERMS = ("kind", "product_id", "buy", "get", "percent", "starts_at", "ends_at")
# What each kind needs, and what it leaves null, by attribute; errors name the body's fields.
NEEDS = {BUY_X_GET_Y: ("product_id", "buy", "get"), PERCENT_OFF: ("percent",)}
LEAVES_NULL = {BUY_X_GET_Y: ("percent",), PERCENT_OFF: ("buy", "get")}
FIELD = {"product_id": "product"}


class OfferService(CrudService):
    """`get`, `create`, `update` and `delete` as for any catalog entry, checking each offer's
    terms as a whole; plus what a viewer may see."""

    def __init__(self, offers: OfferDAO, products: ProductDAO, outside: Outside):
        super().__init__(offers, "Offer")
        self.products = products
        self.outside = outside

    def listing(self, everything: bool, limit: int) -> list[Offer]:
        """The offers active now, or with `everything` every offer; the first `limit` by id."""
        return self.dao.listing(limit, active_at=None if everything else self.outside.now())

    def visible(self, offer_id: int, to_admin: bool) -> Offer:
        """The offer, if the viewer may see it: an admin any, others only an active one."""
        offer = self.get(offer_id)
        if not (to_admin or offer.active_at(self.outside.now())):
            raise NotFound(f"{self.label} {offer_id} not found.")
        return offer

    def _validate(self, data: dict, current: Offer | None = None) -> None:
        terms = {name: getattr(current, name) for name in TERMS} if current else {}
        errors = terms_errors({**terms, **data})
        product_id = data.get("product_id")
        if product_id is not None and self.products.get(product_id, for_update=True) is None:
            errors.setdefault("product", []).append(f"There is no product with id {product_id}.")
        if errors:
            raise Invalid("The offer is invalid.", errors)


def terms_errors(terms: dict) -> dict[str, list[str]]:
    """What is wrong with an offer's terms taken together (each field is already valid)."""
    kind = terms["kind"]
    errors = {}
    for name in NEEDS[kind]:
        if terms.get(name) is None:
            errors[FIELD.get(name, name)] = [f"Required for a {kind} offer."]
    for name in LEAVES_NULL[kind]:
        if terms.get(name) is not None:
            errors[name] = [f"Not used by a {kind} offer: leave it out or null."]
    starts, ends = terms.get("starts_at"), terms.get("ends_at")
    if starts is not None and ends is not None and ends <= starts:
        errors["ends_at"] = ["Must be after starts_at."]
    return errors


def load_offers(session: Session) -> None:
    """The shop's demo offers (after `load_products`: they name products)."""
    session.flush()  # the products first: nothing else tells the session offers depend on them
    session.add_all(Offer(**{**row, **_moments(row)}) for row in rows(fixture("offers")["offers"]))


def _moments(row: dict) -> dict:
    return {
        name: datetime.fromisoformat(row[name])
        for name in ("starts_at", "ends_at")
        if row.get(name)
    }
