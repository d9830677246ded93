"""Shop offers (003 beyond the seed): everyone sees the active ones; admins see every offer and
create, change and delete them; a bad offer is 400 with nothing written."""

from datetime import UTC, datetime, timedelta

import pytest

from dao.model.shop import Offer
from tests.shop_data import add_product

MUG = 1
BOGO = {"kind": "buy_x_get_y", "product": MUG, "buy": 1, "get": 1}
TEN_OFF_ALL = {"kind": "percent_off", "percent": 10}
UNSET = {"product": None, "buy": None, "get": None, "percent": None}
NO_WINDOW = {"starts_at": None, "ends_at": None}
COUNT_RANGE = ["Must be greater than or equal to 1 and less than or equal to 1000000."]
PERCENT_RANGE = ["Must be greater than or equal to 1 and less than or equal to 100."]
NOT_INTEGER = ["Not a valid integer."]
OUT_OF_RANGE = "Out of range: years 1 to 9999, in UTC too."


def needed(kind: str) -> list[str]:
    return [f"Required for a {kind} offer."]


def unused(kind: str) -> list[str]:
    return [f"Not used by a {kind} offer: leave it out or null."]


def moment(**delta) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat()


@pytest.fixture(autouse=True)
def mug(app):
    assert add_product(app, "Stoneware Mug", "12.50", 30) == MUG


@pytest.fixture
def three_windows(add_offer):
    """An offer active now, one that has not started and one that has ended."""
    return (
        add_offer(**TEN_OFF_ALL, starts_at=moment(hours=-1), ends_at=moment(hours=1)),
        add_offer(**BOGO, starts_at=moment(days=1)),
        add_offer(**BOGO, ends_at=moment(seconds=-1)),
    )


def offers(query) -> list[tuple]:
    return query(
        lambda s: [
            (o.id, o.kind, o.product_id, o.buy, o.get, o.percent)
            for o in s.query(Offer).order_by(Offer.id)
        ]
    )


def test_admin_creates_a_buy_x_get_y_offer(client, admin, query):
    response = client.post("/api/offers", json=BOGO, headers=admin)
    assert response.status_code == 201
    assert response.json == {"id": 1, **UNSET, **NO_WINDOW, **BOGO}
    assert offers(query) == [(1, "buy_x_get_y", MUG, 1, 1, None)]


def test_admin_creates_an_order_wide_percent_off_with_a_window(client, admin, query):
    window = {"starts_at": "2026-12-24T09:00:00+03:00", "ends_at": "2027-01-01T00:00:00Z"}
    response = client.post("/api/offers", json={**TEN_OFF_ALL, **window}, headers=admin)
    assert response.status_code == 201
    assert response.json == {
        "id": 1,
        **UNSET,
        **TEN_OFF_ALL,
        "starts_at": "2026-12-24T06:00:00+00:00",
        "ends_at": "2027-01-01T00:00:00+00:00",
    }
    stored = query(lambda s: s.get(Offer, 1))
    assert stored.starts_at == datetime(2026, 12, 24, 6, tzinfo=UTC)
    assert stored.product_id is None


def test_unknown_fields_and_ids_sent_are_ignored(client, admin, query):
    response = client.post("/api/offers", json={**BOGO, "id": 77, "extra": 1}, headers=admin)
    assert response.status_code == 201
    assert response.json["id"] == 1
    assert offers(query) == [(1, "buy_x_get_y", MUG, 1, 1, None)]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({**BOGO, "product": 99}, {"product": ["There is no product with id 99."]}),
        ({**BOGO, "buy": 0}, {"buy": COUNT_RANGE}),
        ({**BOGO, "get": -1}, {"get": COUNT_RANGE}),
        ({**TEN_OFF_ALL, "percent": 101}, {"percent": PERCENT_RANGE}),
        ({**TEN_OFF_ALL, "percent": 0}, {"percent": PERCENT_RANGE}),
        ({**TEN_OFF_ALL, "percent": "10"}, {"percent": NOT_INTEGER}),
        ({**TEN_OFF_ALL, "percent": 12.5}, {"percent": NOT_INTEGER}),
        ({**BOGO, "buy": True}, {"buy": NOT_INTEGER}),
        ({**BOGO, "kind": "gift"}, {"kind": ["Must be one of: buy_x_get_y, percent_off."]}),
        ({"product": MUG, "buy": 1, "get": 1}, {"kind": ["Missing data for required field."]}),
        ({"kind": "buy_x_get_y", "buy": 1, "get": 1}, {"product": needed("buy_x_get_y")}),
        ({**BOGO, "get": None}, {"get": needed("buy_x_get_y")}),
        ({**BOGO, "percent": 5}, {"percent": unused("buy_x_get_y")}),
        ({"kind": "percent_off"}, {"percent": needed("percent_off")}),
        ({**TEN_OFF_ALL, "buy": 2}, {"buy": unused("percent_off")}),
        (
            {**BOGO, "starts_at": "2026-12-02T00:00:00Z", "ends_at": "2026-12-01T23:00:00Z"},
            {"ends_at": ["Must be after starts_at."]},
        ),
        (
            {**BOGO, "starts_at": "2026-12-02T03:00:00+03:00", "ends_at": "2026-12-02T00:00:00Z"},
            {"ends_at": ["Must be after starts_at."]},
        ),
        ({**BOGO, "starts_at": "2026-12-02T00:00"}, {"starts_at": ["Not a valid aware datetime."]}),
        ({**BOGO, "ends_at": "next tuesday"}, {"ends_at": ["Not a valid datetime."]}),
        ({**BOGO, "ends_at": "2026-12-01T00:00:00\u0000Z"}, {"ends_at": ["Not a valid datetime."]}),
        ({**BOGO, "ends_at": "2026-W49-1T00:00Z"}, {"ends_at": ["Not a valid datetime."]}),
        ({**BOGO, "ends_at": "20261201T000000Z"}, {"ends_at": ["Not a valid datetime."]}),
        ({**BOGO, "ends_at": "2026-12-01T00:00:00+03"}, {"ends_at": ["Not a valid datetime."]}),
        ({**BOGO, "ends_at": 1764547200}, {"ends_at": ["Not a valid datetime."]}),
        ({**BOGO, "starts_at": "0001-01-01T00:00:00+14:00"}, {"starts_at": [OUT_OF_RANGE]}),
        ({**BOGO, "ends_at": "9999-12-31T23:59:59-14:00"}, {"ends_at": [OUT_OF_RANGE]}),
        ({**BOGO, "product": "1"}, {"product": NOT_INTEGER}),
    ],
)  # fmt: skip
def test_a_bad_offer_is_400_and_nothing_is_written(client, admin, query, body, errors):
    response = client.post("/api/offers", json=body, headers=admin)
    assert response.status_code == 400
    assert response.json["errors"] == errors
    assert isinstance(response.json["message"], str)
    assert offers(query) == []


@pytest.mark.parametrize("body", ["[]", "null", "{", '"offer"'])
def test_a_body_that_is_no_object_is_400(client, admin, query, body):
    response = client.post(
        "/api/offers", data=body, headers={**admin, "Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.is_json
    assert offers(query) == []


def test_only_admins_write_offers(client, ann, add_offer, query):
    assert client.post("/api/offers", json=BOGO).status_code == 401
    assert client.post("/api/offers", json=BOGO, headers=ann).status_code == 403
    offer = add_offer(**BOGO)
    for method in ("patch", "delete"):
        guest = getattr(client, method)(f"/api/offers/{offer['id']}", json={"buy": 2})
        user = getattr(client, method)(f"/api/offers/{offer['id']}", json={"buy": 2}, headers=ann)
        assert (guest.status_code, user.status_code) == (401, 403)
    assert offers(query) == [(1, "buy_x_get_y", MUG, 1, 1, None)]


def test_everyone_sees_only_the_offers_active_now(client, ann, three_windows):
    active, _, _ = three_windows
    assert client.get("/api/offers").json == [active]
    assert client.get("/api/offers/", headers=ann).json == [active]
    stale = {"Authorization": "Bearer not-a-token"}
    assert client.get("/api/offers", headers=stale).json == [active]


def test_an_admin_sees_every_offer_with_all(client, admin, three_windows):
    assert client.get("/api/offers?all=true", headers=admin).json == list(three_windows)
    assert client.get("/api/offers?all=false", headers=admin).json == [three_windows[0]]
    assert client.get("/api/offers", headers=admin).json == [three_windows[0]]


def test_all_is_for_admins(client, ann, three_windows):
    guest = client.get("/api/offers?all=true")
    assert (guest.status_code, guest.json["message"]) == (
        401,
        "Authentication credentials were not provided.",
    )
    user = client.get("/api/offers?all=true", headers=ann)
    assert (user.status_code, user.json["message"]) == (403, "Only administrators may do this.")


def test_a_bad_all_is_400(client):
    response = client.get("/api/offers?all=maybe")
    assert response.status_code == 400
    assert response.json["errors"] == {"all": ["Must be true or false."]}


def test_one_offer_is_seen_by_all_while_active_and_by_admins_always(
    client, admin, ann, three_windows
):
    active, future, expired = three_windows
    assert client.get(f"/api/offers/{active['id']}").json == active
    for hidden in (future, expired):
        for headers in ({}, ann, {"Authorization": "Bearer not-a-token"}):
            response = client.get(f"/api/offers/{hidden['id']}", headers=headers)
            assert response.status_code == 404
            assert response.json["message"] == f"Offer {hidden['id']} not found."
        assert client.get(f"/api/offers/{hidden['id']}", headers=admin).json == hidden
    assert client.get("/api/offers/99", headers=admin).status_code == 404


def test_admin_changes_an_offer(client, admin, add_offer, query):
    offer = add_offer(**BOGO)
    response = client.patch(f"/api/offers/{offer['id']}", json={"get": 2}, headers=admin)
    assert response.status_code == 200
    assert response.json == {**offer, "get": 2}
    assert offers(query) == [(1, "buy_x_get_y", MUG, 1, 2, None)]


def test_changing_the_kind_needs_terms_that_fit_it(client, admin, add_offer, query):
    offer = add_offer(**BOGO)
    url = f"/api/offers/{offer['id']}"
    response = client.patch(url, json={"kind": "percent_off", "percent": 20}, headers=admin)
    assert response.status_code == 400
    assert response.json["errors"] == {
        "buy": unused("percent_off"),
        "get": unused("percent_off"),
    }
    assert offers(query) == [(1, "buy_x_get_y", MUG, 1, 1, None)]
    changes = {"kind": "percent_off", "percent": 20, "buy": None, "get": None, "product": None}
    response = client.patch(url, json=changes, headers=admin)
    assert response.status_code == 200
    assert response.json == {**offer, **changes}
    assert offers(query) == [(1, "percent_off", None, None, None, 20)]


def test_a_change_is_checked_against_the_stored_window(client, admin, add_offer, query):
    offer = add_offer(**BOGO, starts_at="2026-12-10T00:00:00Z")
    url = f"/api/offers/{offer['id']}"
    response = client.patch(url, json={"ends_at": "2026-12-09T00:00:00Z"}, headers=admin)
    assert response.status_code == 400
    assert response.json["errors"] == {"ends_at": ["Must be after starts_at."]}
    assert query(lambda s: s.get(Offer, 1).ends_at) is None


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"product": 42}, {"product": ["There is no product with id 42."]}),
        ({"buy": 0}, {"buy": COUNT_RANGE}),
        ({"product": None}, {"product": needed("buy_x_get_y")}),
        ({"kind": None}, {"kind": ["Field may not be null."]}),
    ],
)  # fmt: skip
def test_a_bad_change_is_400_and_nothing_is_written(
    client, admin, add_offer, query, changes, errors
):
    offer = add_offer(**BOGO)
    response = client.patch(f"/api/offers/{offer['id']}", json=changes, headers=admin)
    assert response.status_code == 400
    assert response.json["errors"] == errors
    assert offers(query) == [(1, "buy_x_get_y", MUG, 1, 1, None)]


def test_changing_or_deleting_an_unknown_offer_is_404(client, admin):
    assert client.patch("/api/offers/9", json={"buy": 2}, headers=admin).status_code == 404
    assert client.delete("/api/offers/9", headers=admin).status_code == 404


def test_admin_deletes_an_offer(client, admin, add_offer, query):
    offer = add_offer(**BOGO)
    response = client.delete(f"/api/offers/{offer['id']}", headers=admin)
    assert (response.status_code, response.data) == (204, b"")
    assert offers(query) == []
    assert client.get(f"/api/offers/{offer['id']}", headers=admin).status_code == 404


def test_deleting_a_product_deletes_its_offers(client, admin, add_offer, query):
    add_offer(**BOGO)
    add_offer(**TEN_OFF_ALL)
    assert client.delete(f"/api/products/{MUG}", headers=admin).status_code == 204
    assert offers(query) == [(2, "percent_off", None, None, None, 10)]
