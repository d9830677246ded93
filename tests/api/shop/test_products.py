"""Shop products (seed 003): a paged envelope with absolute links, search, filters, ordering,
one product; prices are decimal strings with 2 places."""

import json
from decimal import Decimal

import pytest

from service.seed import FIXTURES_DIR
from tests.shop_data import seed_products

DEMO = json.loads((FIXTURES_DIR / "products.json").read_text(encoding="utf-8"))["products"]
DRIPPER = {"id": DEMO[0]["pk"], **{k: v for k, v in DEMO[0].items() if k != "pk"}}
BASE = "http://localhost/api/products"


@pytest.fixture(autouse=True)
def demo_products(app):
    seed_products(app)


def ids(response) -> list[int]:
    return [product["id"] for product in response.json["results"]]


def demo_ids(keep=lambda p: True, key=None, reverse=False) -> list[int]:
    rows = [p for p in DEMO if keep(p)]
    if key:
        rows.sort(key=lambda p: (key(p), p["pk"]), reverse=reverse)
    return [p["pk"] for p in rows]


@pytest.mark.parametrize("path", ["/api/products", "/api/products/"])
def test_list_is_one_page_of_fifty_by_default(client, path):
    response = client.get(path, headers={"Authorization": "Bearer undefined"})
    assert response.status_code == 200
    assert response.json["count"] == 24
    assert (response.json["next"], response.json["previous"]) == (None, None)
    assert ids(response) == list(range(1, 25))
    assert response.json["results"][0] == DRIPPER


def test_pages_link_to_each_other_with_absolute_urls(client):
    first = client.get("/api/products?limit=10")
    assert ids(first) == list(range(1, 11))
    assert first.json["next"] == f"{BASE}?limit=10&page=2"
    assert first.json["previous"] is None
    second = client.get("/api/products?page=2&limit=10")
    assert ids(second) == list(range(11, 21))
    assert (second.json["previous"], second.json["next"]) == (
        f"{BASE}?page=1&limit=10",
        f"{BASE}?page=3&limit=10",
    )
    last = client.get(second.json["next"])
    assert ids(last) == [21, 22, 23, 24]
    assert last.json["next"] is None
    assert last.json["count"] == 24


def test_page_past_the_end_is_empty_and_links_back_to_the_last(client):
    response = client.get("/api/products?page=9&limit=10")
    assert response.status_code == 200
    assert response.json == {
        "count": 24,
        "next": None,
        "previous": f"{BASE}?page=3&limit=10",
        "results": [],
    }


def test_huge_page_is_an_empty_page(client):
    response = client.get(f"/api/products?page={10**30}")
    assert response.status_code == 200
    assert response.json["results"] == []


@pytest.mark.parametrize(
    ("query_string", "field"),
    [
        ("page=0", "page"),
        ("page=-1", "page"),
        ("page=abc", "page"),
        ("page=1.5", "page"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
    ],
)
def test_bad_page_or_limit_is_400(client, query_string, field):
    response = client.get(f"/api/products?{query_string}")
    assert response.status_code == 400
    assert response.json["message"] == "Invalid paging parameters."
    assert list(response.json["errors"]) == [field]


def test_limit_100_is_allowed(client):
    assert len(client.get("/api/products?limit=100").json["results"]) == 24


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("coffee", [1, 3]),
        ("COFFEE", [1, 3]),
        ("  kettle ", [4]),
        ("set of 3", [9]),
        ("%", [13]),
        ("_", []),
        ("", list(range(1, 25))),
    ],
)
def test_search_matches_part_of_the_name_in_any_case(client, search, expected):
    response = client.get("/api/products", query_string={"search": search})
    assert response.status_code == 200
    assert ids(response) == expected
    assert response.json["count"] == len(expected)


def test_price_range_includes_both_ends(client):
    response = client.get("/api/products?min_price=24.90&max_price=45")
    expected = demo_ids(lambda p: Decimal("24.90") <= Decimal(p["price"]) <= 45)
    assert ids(response) == expected
    assert 1 in expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("true", demo_ids(lambda p: p["quantity_in_stock"] > 0)),
        ("false", [8, 20]),
    ],
)
def test_in_stock_filters_on_the_stock(client, value, expected):
    response = client.get(f"/api/products?in_stock={value}")
    assert ids(response) == expected


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("price", demo_ids(key=lambda p: Decimal(p["price"]))),
        ("-price", demo_ids(key=lambda p: Decimal(p["price"]), reverse=True)),
        ("name", demo_ids(key=lambda p: p["name"])),
        ("-name", demo_ids(key=lambda p: p["name"], reverse=True)),
    ],
)
def test_ordering(client, ordering, expected):
    response = client.get(f"/api/products?ordering={ordering}")
    assert ids(response) == expected


def test_filters_combine_and_their_links_keep_them(client):
    response = client.get("/api/products?in_stock=true&max_price=60&ordering=-price&limit=3")
    expected = demo_ids(
        lambda p: p["quantity_in_stock"] > 0 and Decimal(p["price"]) <= 60,
        key=lambda p: Decimal(p["price"]),
        reverse=True,
    )
    assert ids(response) == expected[:3]
    assert response.json["count"] == len(expected)
    assert response.json["next"] == (
        f"{BASE}?in_stock=true&max_price=60&ordering=-price&limit=3&page=2"
    )
    assert ids(client.get(response.json["next"])) == expected[3:6]


@pytest.mark.parametrize(
    ("query_string", "param", "problem"),
    [
        ("min_price=cheap", "min_price", "Not a valid number."),
        ("min_price=-1", "min_price", "Not a valid number."),
        ("min_price=1.999", "min_price", "Must have at most 2 decimal places."),
        ("min_price=NaN", "min_price", "Not a valid number."),
        ("max_price=Infinity", "max_price", "Not a valid number."),
        # Other spellings Python's Decimal reads (found by fuzzing): not plain decimals.
        ("min_price=1e2", "min_price", "Not a valid number."),
        ("min_price=1_000", "min_price", "Not a valid number."),
        ("min_price=%205", "min_price", "Not a valid number."),
        ("min_price=%D9%A5", "min_price", "Not a valid number."),
        ("min_price=5.", "min_price", "Not a valid number."),
        (
            "max_price=100000000",
            "max_price",
            "Must be greater than or equal to 0 and less than or equal to 99999999.99.",
        ),
        ("max_price=1e30", "max_price", "Not a valid number."),
        ("min_price=50&max_price=10", "max_price", "Must not be less than min_price."),
        ("in_stock=maybe", "in_stock", "Must be true or false."),
        ("in_stock=", "in_stock", "Must be true or false."),
        ("ordering=id", "ordering", "Must be one of: price, -price, name, -name."),
        ("ordering=price;drop", "ordering", "Must be one of: price, -price, name, -name."),
        (f"search={'x' * 101}", "search", "Longer than maximum length 100."),
    ],
)
def test_bad_filter_is_400_naming_the_parameter(client, query_string, param, problem):
    response = client.get(f"/api/products?{query_string}")
    assert response.status_code == 400
    assert response.json == {"message": "Invalid query parameters.", "errors": {param: [problem]}}


@pytest.mark.parametrize("extra", ["_=1700000000", "state=old", "status=new", "state=new"])
def test_unknown_query_parameters_are_ignored(client, extra):
    assert ids(client.get(f"/api/products?{extra}&limit=2")) == [1, 2]


@pytest.mark.parametrize("path", ["/api/products/1", "/api/products/1/"])
def test_one_product(client, path):
    response = client.get(path, headers={"Authorization": "Bearer stale"})
    assert response.status_code == 200
    assert response.json == DRIPPER


@pytest.mark.parametrize("product_id", ["99", str(2**63), str(10**30)])
def test_unknown_product_is_404(client, product_id):
    response = client.get(f"/api/products/{product_id}")
    assert response.status_code == 404
    assert response.json == {"message": f"Product {product_id} not found."}


def test_prices_are_strings_with_two_places(client):
    for product in client.get("/api/products").json["results"]:
        assert isinstance(product["price"], str)
        assert Decimal(product["price"]).as_tuple().exponent == -2
