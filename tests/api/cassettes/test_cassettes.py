"""Cassettes (seed 000): `/api/cassetes/` and its alias `/api/cassettes/`.

Reading is public; writing needs any signed-in user; bodies are validated strictly and a
refused request writes nothing.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from dao.model import db
from dao.model.cassettes import Cassette
from service.cassettes import load_cassettes
from service.seed import load_demo
from tests.conftest import PASSWORD

SPELLINGS = ["/api/cassetes", "/api/cassettes"]
RAMBO = {"title": "Rambo", "director": "Ted Kotcheff", "released": "1982-10-22"}
JURASSIC_PARK = {
    "id": 1,
    "title": "Jurassic Park",
    "director": "Steven Spielberg",
    "released": "1993-06-11",
    "quantity": 5,
}
INVALID = "The request body is invalid."


@pytest.fixture
def shelf(app):
    """The twelve demo cassettes."""
    with app.app_context():
        load_demo(db.session, load_cassettes)
        db.session.commit()


@pytest.fixture
def headers(client) -> dict:
    """A plain user (no admin) signed up in the shop, with their API token."""
    response = client.post("/api/auth/signup", json={"username": "rick", "password": PASSWORD})
    assert response.status_code == 201
    return {"Authorization": f"Token {response.json['token']}"}


def row(query, cassette_id: int):
    def read(session):
        cassette = session.get(Cassette, cassette_id)
        if cassette is None:
            return None
        return (cassette.title, cassette.director, cassette.released, cassette.quantity)

    return query(read)


def count(query) -> int:
    return query(lambda s: s.query(Cassette).count())


def titles(response) -> list[str]:
    assert response.status_code == 200, response.json
    return [item["title"] for item in response.json]


@pytest.mark.parametrize("path", [p + end for p in SPELLINGS for end in ("", "/")])
def test_anyone_lists_every_cassette(client, shelf, path):
    response = client.get(path)
    assert response.status_code == 200
    assert len(response.json) == 12
    assert response.json[0] == JURASSIC_PARK
    assert [item["id"] for item in response.json] == list(range(1, 13))


def test_empty_shop_lists_nothing(client):
    response = client.get("/api/cassetes/")
    assert response.status_code == 200
    assert response.json == []


@pytest.mark.parametrize("header", ["Bearer undefined", "Token stale", "Token " + "f" * 40])
def test_reading_ignores_the_authorization_header(client, shelf, header):
    assert len(client.get("/api/cassetes/", headers={"Authorization": header}).json) == 12
    assert client.get("/api/cassetes/1", headers={"Authorization": header}).json == JURASSIC_PARK


@pytest.mark.parametrize(
    ("query_string", "expected"),
    [
        ("title=the", ["E.T. the Extra-Terrestrial", "The Terminator", "Back to the Future"]),
        ("title=%20TERMINATOR%20", ["The Terminator"]),
        ("director=cameron", ["The Terminator", "Aliens"]),
        ("director=spielberg&title=park", ["Jurassic Park"]),
        ("director=spielberg&title=alien", []),
        ("title=", None),
        ("title=%25", []),
        ("title=_", []),
        ("title=E.T.", ["E.T. the Extra-Terrestrial"]),
        ("title=nothing-like-this", []),
        ("director=mctiernan&limit=1", ["Die Hard"]),
        ("director=mctiernan&limit=1&page=2", ["Predator"]),
        ("director=mctiernan&status=new", ["Predator", "Die Hard"]),
        ("director=mctiernan&state=NEW", ["Predator", "Die Hard"]),
        ("director=mctiernan&status=old&state=new", ["Die Hard", "Predator"]),
        ("director=mctiernan&status=new&state=old", ["Predator", "Die Hard"]),
    ],
)
def test_filters_match_substrings_in_any_case(client, shelf, query_string, expected):
    found = titles(client.get(f"/api/cassetes/?{query_string}"))
    assert found == (expected if expected is not None else titles(client.get("/api/cassetes/")))


def test_filters_ignore_case_in_any_alphabet(client, headers):
    for title in ["Сталкер", "Ёжик в тумане", "Stalker"]:
        body = {**RAMBO, "title": title, "director": "Андрей Тарковский"}
        client.post("/api/cassetes/", json=body, headers=headers)
    assert titles(client.get("/api/cassettes/?title=СТАЛ")) == ["Сталкер"]
    assert titles(client.get("/api/cassettes/?title=ёжик")) == ["Ёжик в тумане"]
    assert len(client.get("/api/cassettes/?director=тарковский").json) == 3


@pytest.mark.parametrize(
    ("query_string", "errors"),
    [
        ("title=" + "x" * 201, {"title": ["Longer than maximum length 200."]}),
        ("director=" + "x" * 201, {"director": ["Longer than maximum length 200."]}),
    ],
)
def test_too_long_filter_is_400(client, shelf, query_string, errors):
    response = client.get(f"/api/cassetes/?{query_string}")
    assert response.status_code == 400
    assert response.json == {"message": "Invalid query parameters.", "errors": errors}


@pytest.mark.parametrize("query_string", ["page=0", "limit=101", "limit=x", "page=-1"])
def test_bad_paging_is_400(client, shelf, query_string):
    response = client.get(f"/api/cassettes/?{query_string}")
    assert response.status_code == 400
    assert response.json["message"] == "Invalid paging parameters."


@pytest.mark.parametrize("state", ["old", "newest", ""])
def test_a_state_other_than_new_is_400(client, shelf, state):
    response = client.get(f"/api/cassetes/?state={state}")
    assert response.status_code == 400
    assert response.json == {
        "message": "Invalid paging parameters.",
        "errors": {"state": ['Must be "new" (newest first); leave it out for storage order.']},
    }


@pytest.mark.parametrize("page", ["9", "99999999999999999999", "9" * 400])
def test_a_page_past_the_end_is_empty(client, shelf, page):
    response = client.get(f"/api/cassetes/?page={page}&limit=5")
    assert response.status_code == 200
    assert response.json == []


def test_the_last_page_holds_the_rest(client, shelf):
    assert len(client.get("/api/cassetes/?page=3&limit=5").json) == 2


@pytest.mark.parametrize("base", SPELLINGS)
@pytest.mark.parametrize("end", ["", "/"])
def test_anyone_gets_one_cassette(client, shelf, base, end):
    response = client.get(f"{base}/1{end}")
    assert response.status_code == 200
    assert response.json == JURASSIC_PARK


@pytest.mark.parametrize("cassette_id", ["13", "0", "99999999999999999999999"])
def test_unknown_cassette_is_404(client, shelf, cassette_id):
    response = client.get(f"/api/cassetes/{cassette_id}")
    assert response.status_code == 404
    assert response.json == {"message": f"Cassette {cassette_id} not found."}


@pytest.mark.parametrize("cassette_id", ["-1", "abc", "1.5"])
def test_a_path_that_is_not_a_cassette_id_is_404(client, shelf, cassette_id):
    response = client.get(f"/api/cassetes/{cassette_id}")
    assert response.status_code == 404
    assert response.json == {"message": "No such path. See /swagger/ for the list of endpoints."}


@pytest.mark.parametrize("path", [p + end for p in SPELLINGS for end in ("", "/")])
def test_user_adds_a_cassette_with_quantity_0_by_default(client, query, shelf, headers, path):
    body = {"title": "  Rambo ", "director": " Ted Kotcheff", "released": "1982-10-22"}
    response = client.post(path, json=body, headers=headers)
    assert response.status_code == 201
    assert response.json == {**RAMBO, "id": 13, "quantity": 0}
    assert row(query, 13) == ("Rambo", "Ted Kotcheff", date(1982, 10, 22), 0)
    assert client.get(f"{SPELLINGS[0]}/13").json == response.json


def test_user_adds_a_cassette_with_its_quantity(client, query, headers):
    response = client.post("/api/cassetes/", json={**RAMBO, "quantity": 3}, headers=headers)
    assert response.status_code == 201
    assert response.json == {**RAMBO, "id": 1, "quantity": 3}
    assert row(query, 1)[3] == 3


def test_a_cassette_released_today_is_accepted(client, headers):
    today = datetime.now(UTC).date().isoformat()
    response = client.post("/api/cassetes/", json={**RAMBO, "released": today}, headers=headers)
    assert response.status_code == 201
    assert response.json["released"] == today


FUTURE = (date.today() + timedelta(days=2)).isoformat()
BAD_FIELDS = [
    ({"title": ""}, {"title": ["Length must be between 1 and 200."]}),
    ({"title": "   "}, {"title": ["Length must be between 1 and 200."]}),
    ({"title": "x" * 201}, {"title": ["Length must be between 1 and 200."]}),
    ({"title": 5}, {"title": ["Not a valid string."]}),
    ({"title": None}, {"title": ["Field may not be null."]}),
    ({"director": " "}, {"director": ["Length must be between 1 and 200."]}),
    ({"director": "y" * 201}, {"director": ["Length must be between 1 and 200."]}),
    ({"director": ["Ted"]}, {"director": ["Not a valid string."]}),
    ({"released": "1982-10-2"}, {"released": ["Not a valid date."]}),
    ({"released": "19821022"}, {"released": ["Not a valid date."]}),
    ({"released": "22.10.1982"}, {"released": ["Not a valid date."]}),
    ({"released": "1982-02-30"}, {"released": ["Not a valid date."]}),
    ({"released": "1982-10-22T00:00:00"}, {"released": ["Not a valid date."]}),
    ({"released": "１９８２-１０-２２"}, {"released": ["Not a valid date."]}),
    ({"released": 1982}, {"released": ["Not a valid date."]}),
    ({"released": None}, {"released": ["Field may not be null."]}),
    ({"released": FUTURE}, {"released": ["Must not be in the future."]}),
    ({"released": "9999-12-31"}, {"released": ["Must not be in the future."]}),
    (
        {"quantity": -1},
        {
            "quantity": [
                f"Must be greater than or equal to 0 and less than or equal to {2**31 - 1}."
            ]
        },
    ),
    (
        {"quantity": 2**31},
        {
            "quantity": [
                f"Must be greater than or equal to 0 and less than or equal to {2**31 - 1}."
            ]
        },
    ),
    (
        {"quantity": 10**30},
        {
            "quantity": [
                f"Must be greater than or equal to 0 and less than or equal to {2**31 - 1}."
            ]
        },
    ),
    ({"quantity": 1.5}, {"quantity": ["Not a valid integer."]}),
    ({"quantity": 2.0}, {"quantity": ["Not a valid integer."]}),
    ({"quantity": True}, {"quantity": ["Not a valid integer."]}),
    ({"quantity": "3"}, {"quantity": ["Not a valid integer."]}),
    ({"quantity": None}, {"quantity": ["Field may not be null."]}),
]
# Fields a cassette does not have, and its id: ignored, never stored.
EXTRAS = {"id": 99, "owner": 1, "price": 10}


@pytest.mark.parametrize(("change", "errors"), BAD_FIELDS)
def test_bad_cassette_is_refused_and_nothing_written(client, query, shelf, headers, change, errors):
    response = client.post("/api/cassetes/", json={**RAMBO, **change}, headers=headers)
    assert response.status_code == 400
    assert response.json == {"message": INVALID, "errors": errors}
    assert count(query) == 12


def test_unknown_fields_of_a_new_cassette_are_ignored(client, query, shelf, headers):
    response = client.post("/api/cassetes/", json={**RAMBO, **EXTRAS}, headers=headers)
    assert response.status_code == 201
    assert response.json == {**RAMBO, "id": 13, "quantity": 0}
    assert row(query, 13) == ("Rambo", "Ted Kotcheff", date(1982, 10, 22), 0)
    assert row(query, 99) is None
    assert count(query) == 13


@pytest.mark.parametrize("missing", ["title", "director", "released"])
def test_missing_required_field_is_400(client, query, headers, missing):
    body = {k: v for k, v in RAMBO.items() if k != missing}
    response = client.post("/api/cassetes/", json=body, headers=headers)
    assert response.status_code == 400
    assert response.json == {
        "message": INVALID,
        "errors": {missing: ["Missing data for required field."]},
    }
    assert count(query) == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"data": "{", "content_type": "application/json"},
            "Malformed request body: send a valid JSON object.",
        ),
        ({"json": [RAMBO]}, "The request body must be a JSON object."),
        (
            {"data": "null", "content_type": "application/json"},
            "The request body must be a JSON object.",
        ),
        ({}, INVALID),
    ],
)
def test_malformed_cassette_body_is_400(client, query, headers, kwargs, message):
    response = client.post("/api/cassetes/", headers=headers, **kwargs)
    assert response.status_code == 400
    assert response.json["message"] == message
    assert count(query) == 0


def test_user_replaces_a_cassette(client, query, shelf, headers):
    body = {"title": "First Blood", "director": "Ted Kotcheff", "released": "1982-10-22"}
    response = client.put("/api/cassetes/1", json={**body, "quantity": 3}, headers=headers)
    assert response.status_code == 200
    assert response.json == {**body, "id": 1, "quantity": 3}
    assert row(query, 1) == ("First Blood", "Ted Kotcheff", date(1982, 10, 22), 3)


@pytest.mark.parametrize("path", ["/api/cassetes/1/", "/api/cassettes/1", "/api/cassettes/1/"])
def test_put_without_quantity_keeps_the_stock(client, query, shelf, headers, path):
    response = client.put(path, json=RAMBO, headers=headers)
    assert response.status_code == 200
    assert response.json == {**RAMBO, "id": 1, "quantity": 5}
    assert row(query, 1) == ("Rambo", "Ted Kotcheff", date(1982, 10, 22), 5)


def test_put_needs_title_director_and_released(client, query, shelf, headers):
    response = client.put("/api/cassetes/1", json={"quantity": 1}, headers=headers)
    assert response.status_code == 400
    assert response.json["errors"] == {
        name: ["Missing data for required field."] for name in ("title", "director", "released")
    }
    assert row(query, 1)[3] == 5


def test_unknown_fields_of_a_replacement_are_ignored(client, query, shelf, headers):
    response = client.put("/api/cassetes/1", json={**RAMBO, **EXTRAS}, headers=headers)
    assert response.status_code == 200
    assert response.json == {**RAMBO, "id": 1, "quantity": 5}
    assert row(query, 1) == ("Rambo", "Ted Kotcheff", date(1982, 10, 22), 5)
    assert row(query, 99) is None
    assert count(query) == 12


@pytest.mark.parametrize(("change", "errors"), BAD_FIELDS)
def test_bad_put_changes_nothing(client, query, shelf, headers, change, errors):
    before = row(query, 1)
    response = client.put("/api/cassetes/1", json={**RAMBO, **change}, headers=headers)
    assert response.status_code == 400
    assert response.json == {"message": INVALID, "errors": errors}
    assert row(query, 1) == before


@pytest.mark.parametrize("path", [p + "/2" + end for p in SPELLINGS for end in ("", "/")])
def test_user_patches_a_cassette_and_gets_no_body(client, query, shelf, headers, path):
    response = client.patch(path, json={"quantity": 3}, headers=headers)
    assert response.status_code == 204
    assert response.data == b""
    assert row(query, 2) == ("E.T. the Extra-Terrestrial", "Steven Spielberg", date(1982, 6, 11), 3)


def test_patch_changes_only_the_fields_sent(client, query, shelf, headers):
    body = {"title": " E.T. ", "released": "1982-05-26"}
    assert client.patch("/api/cassetes/2", json=body, headers=headers).status_code == 204
    assert row(query, 2) == ("E.T.", "Steven Spielberg", date(1982, 5, 26), 3)


def test_empty_patch_changes_nothing(client, query, shelf, headers):
    before = row(query, 2)
    assert client.patch("/api/cassetes/2", json={}, headers=headers).status_code == 204
    assert row(query, 2) == before


@pytest.mark.parametrize("change", [EXTRAS, {**EXTRAS, "quantity": 7}])
def test_unknown_fields_of_a_patch_are_ignored(client, query, shelf, headers, change):
    response = client.patch("/api/cassetes/2", json=change, headers=headers)
    assert response.status_code == 204
    assert response.data == b""
    quantity = change.get("quantity", 3)
    assert row(query, 2) == (
        "E.T. the Extra-Terrestrial",
        "Steven Spielberg",
        date(1982, 6, 11),
        quantity,
    )
    assert row(query, 99) is None
    assert count(query) == 12


@pytest.mark.parametrize(("change", "errors"), BAD_FIELDS)
def test_bad_patch_changes_nothing(client, query, shelf, headers, change, errors):
    before = row(query, 2)
    response = client.patch("/api/cassetes/2", json={"quantity": 1, **change}, headers=headers)
    assert response.status_code == 400
    assert response.json == {"message": INVALID, "errors": errors}
    assert row(query, 2) == before


@pytest.mark.parametrize("path", [p + "/12" + end for p in SPELLINGS for end in ("", "/")])
def test_user_deletes_a_cassette(client, query, shelf, headers, path):
    response = client.delete(path, headers=headers)
    assert response.status_code == 204
    assert response.data == b""
    assert row(query, 12) is None
    assert count(query) == 11
    assert client.get("/api/cassettes/12").status_code == 404
    assert client.delete(path, headers=headers).status_code == 404


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("cassette_id", ["13", "99999999999999999999999"])
def test_writing_an_unknown_cassette_is_404(client, query, shelf, headers, method, cassette_id):
    response = getattr(client, method)(f"/api/cassetes/{cassette_id}", json=RAMBO, headers=headers)
    assert response.status_code == 404
    assert response.json == {"message": f"Cassette {cassette_id} not found."}
    assert count(query) == 12


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/cassetes/"),
        ("post", "/api/cassettes"),
        ("put", "/api/cassetes/1"),
        ("patch", "/api/cassettes/1/"),
        ("delete", "/api/cassetes/1"),
    ],
)
@pytest.mark.parametrize(
    "header", [None, "Bearer undefined", "Token " + "0" * 40, "Token", "Basic cmljazpwdw=="]
)
def test_guest_cannot_write_cassettes(client, query, shelf, method, path, header):
    headers = {"Authorization": header} if header else {}
    response = getattr(client, method)(path, json={**RAMBO, "quantity": 1}, headers=headers)
    assert response.status_code == 401
    assert response.is_json
    assert count(query) == 12
    assert row(query, 1) == ("Jurassic Park", "Steven Spielberg", date(1993, 6, 11), 5)


@pytest.mark.parametrize(
    ("method", "path"), [("post", "/api/cassetes/1"), ("put", "/api/cassettes/")]
)
def test_wrong_method_is_405(client, headers, method, path):
    response = getattr(client, method)(path, json=RAMBO, headers=headers)
    assert response.status_code == 405
    assert response.json == {"message": "This method is not allowed on this path."}


def test_both_spellings_are_the_same_shelf(client, query, headers):
    created = client.post("/api/cassettes/", json=RAMBO, headers=headers).json
    assert client.get(f"/api/cassetes/{created['id']}").json == created
    client.patch(f"/api/cassetes/{created['id']}", json={"quantity": 4}, headers=headers)
    assert client.get(f"/api/cassettes/{created['id']}").json["quantity"] == 4


def test_swagger_documents_the_shop_in_its_own_namespace(client):
    spec = client.get("/swagger.json").json
    paths = spec["paths"]
    assert set(paths["/api/auth/signup"]) == {"post"}
    assert {"post", "delete"} <= set(paths["/api/auth/token"])
    for base in SPELLINGS:
        assert {"get", "post"} <= set(paths[f"{base}/"])
        assert {"get", "put", "patch", "delete"} <= set(paths[base + "/{cassette_id}"])
        listing = paths[f"{base}/"]["get"]
        assert listing["tags"] == ["vhs"]
        assert listing["responses"]["200"]["schema"]["items"]["$ref"] == "#/definitions/Cassette"
        assert {"title", "director", "page", "limit"} <= {p["name"] for p in listing["parameters"]}
        assert "security" not in listing
        assert paths[f"{base}/"]["post"]["security"] == [{"Authorization": []}]
    assert {"vhs"} <= {tag["name"] for tag in spec["tags"]}
    assert {"Cassette", "CassetteChanges", "VhsSignup", "VhsLogin", "VhsToken"} <= set(
        spec["definitions"]
    )
    assert "Token <api token>" in spec["securityDefinitions"]["Authorization"]["description"]
    ids = [
        op["operationId"] for item in paths.values() for op in item.values() if "operationId" in op
    ]
    assert len(ids) == len(set(ids))
