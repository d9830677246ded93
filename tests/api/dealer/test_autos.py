"""Car dealer autos (seed 001): `/auto/<mark>`, `/stock`, and its `{"Error": ...}` dialect."""

from urllib.parse import quote

import pytest

from dao.model.dealer import Auto
from helpers.container import auth_service
from tests.conftest import PASSWORD

BMW = {"max_speed": 280, "distance": 400, "handler": "Auto Motors", "stock": "Germany"}
LADA = {"max_speed": 180, "distance": 35000, "handler": "AvtoVAZ", "stock": "Russia"}
NOT_FOUND = {"Error": "Auto with that mark not found"}
# A mark comes from the path: one in the body, like any field an auto lacks, is ignored.
EXTRAS = {"mark": "Tesla", "id": 99, "price": 100}


@pytest.fixture
def headers(app, client) -> dict:
    """A dealer account logged in through `/auth`, its token in the Flask-JWT header style."""
    with app.app_context():
        auth_service.register(PASSWORD, username="carl")
    token = client.post("/auth", json={"username": "carl", "password": PASSWORD}).json
    return {"Authorization": f"JWT {token['access_token']}"}


@pytest.fixture
def bmw(client, headers) -> None:
    assert client.post("/auto/BMW", json=BMW, headers=headers).status_code == 201


def stored(query) -> list[tuple]:
    """Every auto in the database, in storage order."""
    return query(
        lambda s: [
            (a.mark, a.max_speed, a.distance, a.handler, a.stock)
            for a in s.query(Auto).order_by(Auto.id)
        ]
    )


def row(mark: str, body: dict) -> tuple:
    return (mark, body["max_speed"], body["distance"], body["handler"], body["stock"])


@pytest.mark.parametrize("path", ["/auto/BMW", "/auto/BMW/"])
def test_create_an_auto(client, headers, query, path):
    response = client.post(path, json=BMW, headers=headers)
    assert response.status_code == 201
    assert response.json == {"Message": "Auto created"}
    assert stored(query) == [row("BMW", BMW)]


def test_create_trims_the_text_fields(client, headers, query):
    body = {**BMW, "handler": "  Auto Motors ", "stock": " Germany "}
    assert client.post("/auto/BMW", json=body, headers=headers).status_code == 201
    assert stored(query) == [row("BMW", BMW)]


def test_creating_a_taken_mark_is_400(client, headers, query, bmw):
    response = client.post("/auto/BMW", json=LADA, headers=headers)
    assert response.status_code == 400
    assert response.json == {"Error": "Auto with that mark exists"}
    assert stored(query) == [row("BMW", BMW)]


def test_marks_are_case_sensitive(client, headers, query, bmw):
    assert client.post("/auto/bmw", json=LADA, headers=headers).status_code == 201
    assert client.get("/auto/bmw", headers=headers).json == {"mark": "bmw", **LADA}
    assert client.get("/auto/BMW", headers=headers).json == {"mark": "BMW", **BMW}
    assert client.get("/auto/Bmw", headers=headers).status_code == 404
    assert stored(query) == [row("BMW", BMW), row("bmw", LADA)]


@pytest.mark.parametrize(
    "mark", ["Лада Веста", "Mercedes-Benz E 200", "Citroën C4", "A+B&C?", "x" * 100, " spaced "]
)
def test_any_mark_of_1_to_100_characters_works_url_encoded(client, headers, query, mark):
    path = f"/auto/{quote(mark, safe='')}"
    assert client.post(path, json=BMW, headers=headers).status_code == 201
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert response.json == {"mark": mark, **BMW}
    assert stored(query) == [row(mark, BMW)]


@pytest.mark.parametrize("method", ["get", "post", "put", "patch", "delete"])
def test_a_mark_over_100_characters_is_400(client, headers, query, bmw, method):
    response = getattr(client, method)("/auto/" + "x" * 101, json=BMW, headers=headers)
    assert response.status_code == 400
    assert response.json == {"Error": "mark: Length must be between 1 and 100."}
    assert stored(query) == [row("BMW", BMW)]


@pytest.mark.parametrize("mark", ["BMW\n", "line\nbreak", "\r\n"])
def test_a_mark_with_a_line_break_answers_in_the_dealer_dialect(client, headers, query, mark):
    """Found by fuzzing: such paths used to answer errors as `{"message": ...}`."""
    path = f"/auto/{quote(mark, safe='')}"
    response = client.get(path, headers=headers)
    assert response.status_code == 404
    assert response.json == NOT_FOUND
    response = client.put(path, json={**BMW, "stock": 5}, headers=headers)
    assert response.status_code == 400
    assert response.json == {"Error": "stock: Not a valid string."}
    assert client.post(path, json=BMW, headers=headers).status_code == 201
    assert stored(query) == [row(mark, BMW)]


@pytest.mark.parametrize("path", ["/auto/BMW", "/auto/BMW/"])
def test_get_an_auto(client, headers, bmw, path):
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert response.json == {
        "mark": "BMW",
        "max_speed": 280,
        "distance": 400,
        "handler": "Auto Motors",
        "stock": "Germany",
    }


@pytest.mark.parametrize(
    ("method", "body"), [("get", None), ("put", BMW), ("patch", {"distance": 1}), ("delete", None)]
)
def test_an_unknown_mark_is_404(client, headers, query, bmw, method, body):
    response = getattr(client, method)("/auto/Audi", json=body, headers=headers)
    assert response.status_code == 404
    assert response.json == NOT_FOUND
    assert stored(query) == [row("BMW", BMW)]


@pytest.mark.parametrize("path", ["/auto/BMW", "/auto/BMW/"])
def test_put_replaces_every_field(client, headers, query, bmw, path):
    response = client.put(path, json=LADA, headers=headers)
    assert response.status_code == 202
    assert response.json == {"Message": "Auto updated"}
    assert stored(query) == [row("BMW", LADA)]


@pytest.mark.parametrize(
    "changes",
    [{"distance": 500}, {"max_speed": 300, "stock": "France"}, {"handler": "Other"}, LADA],
)
def test_patch_changes_only_the_fields_sent(client, headers, query, bmw, changes):
    response = client.patch("/auto/BMW/", json=changes, headers=headers)
    assert response.status_code == 202
    assert response.json == {"Message": "Auto updated"}
    assert stored(query) == [row("BMW", {**BMW, **changes})]


def test_put_needs_every_field(client, headers, query, bmw):
    response = client.put("/auto/BMW", json={"distance": 1}, headers=headers)
    assert response.status_code == 400
    assert response.json == {
        "Error": "max_speed: Missing data for required field. "
        "handler: Missing data for required field. stock: Missing data for required field."
    }
    assert stored(query) == [row("BMW", BMW)]


@pytest.mark.parametrize("kwargs", [{"json": {}}, {}, {"json": {"color": "red"}}, {"json": EXTRAS}])
def test_patch_with_nothing_to_change_is_400(client, headers, query, bmw, kwargs):
    response = client.patch("/auto/BMW", headers=headers, **kwargs)
    assert response.status_code == 400
    assert response.json == {"Error": "Send at least one of max_speed, distance, handler, stock."}
    assert stored(query) == [row("BMW", BMW)]


MISSING = "Missing data for required field."
BAD_FIELDS = [
    ({"max_speed": 0}, "max_speed: Must be greater than 0."),
    ({"max_speed": -5}, "max_speed: Must be greater than 0."),
    ({"max_speed": 2**31}, "max_speed: Must be less than or equal to 2147483647."),
    ({"max_speed": 10**40}, "max_speed: Must be less than or equal to 2147483647."),
    ({"max_speed": 280.5}, "max_speed: Not a valid integer."),
    ({"max_speed": 280.0}, "max_speed: Not a valid integer."),
    ({"max_speed": "280"}, "max_speed: Not a valid integer."),
    ({"max_speed": True}, "max_speed: Not a valid integer."),
    ({"max_speed": None}, "max_speed: Field may not be null."),
    ({"distance": -1}, "distance: Must be greater than or equal to 0."),
    ({"distance": 2**63}, "distance: Must be less than or equal to 2147483647."),
    ({"distance": [1]}, "distance: Not a valid integer."),
    ({"distance": None}, "distance: Field may not be null."),
    ({"handler": ""}, "handler: Length must be between 1 and 200."),
    ({"handler": "   "}, "handler: Length must be between 1 and 200."),
    ({"handler": "x" * 201}, "handler: Length must be between 1 and 200."),
    ({"handler": 7}, "handler: Not a valid string."),
    ({"handler": None}, "handler: Field may not be null."),
    ({"stock": ""}, "stock: Length must be between 1 and 200."),
    ({"stock": "x" * 201}, "stock: Length must be between 1 and 200."),
    # Found by fuzzing: padding, which is trimmed, used to make a long text fit.
    ({"stock": "x" * 200 + "  "}, "stock: Length must be between 1 and 200."),
    ({"handler": "\x1c" + "x" * 200}, "handler: Length must be between 1 and 200."),
    ({"stock": {"country": "DE"}}, "stock: Not a valid string."),
]


@pytest.mark.parametrize(("fields", "error"), BAD_FIELDS)
def test_bad_create_body_is_400_naming_the_field(client, headers, query, fields, error):
    response = client.post("/auto/Audi", json={**BMW, **fields}, headers=headers)
    assert response.status_code == 400
    assert response.json == {"Error": error}
    assert stored(query) == []


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize(("fields", "error"), BAD_FIELDS)
def test_bad_update_body_is_400_and_changes_nothing(
    client, headers, query, bmw, method, fields, error
):
    response = getattr(client, method)("/auto/BMW", json={**LADA, **fields}, headers=headers)
    assert response.status_code == 400
    assert response.json == {"Error": error}
    assert stored(query) == [row("BMW", BMW)]


def test_unknown_fields_of_a_new_auto_are_ignored(client, headers, query):
    response = client.post("/auto/Audi", json={**BMW, **EXTRAS}, headers=headers)
    assert response.status_code == 201
    assert response.json == {"Message": "Auto created"}
    assert stored(query) == [row("Audi", BMW)]
    assert query(lambda s: s.query(Auto.id).scalar()) == 1


@pytest.mark.parametrize(("method", "changes"), [("put", LADA), ("patch", {"distance": 1})])
def test_unknown_fields_of_an_update_are_ignored(client, headers, query, bmw, method, changes):
    body = {**changes, **EXTRAS}
    response = getattr(client, method)("/auto/BMW", json=body, headers=headers)
    assert response.status_code == 202
    assert response.json == {"Message": "Auto updated"}
    assert stored(query) == [row("BMW", {**BMW, **changes})]
    assert client.get("/auto/Tesla", headers=headers).json == NOT_FOUND


def test_create_without_a_body_names_every_missing_field(client, headers, query):
    response = client.post("/auto/Audi", headers=headers)
    assert response.status_code == 400
    assert response.json == {
        "Error": f"max_speed: {MISSING} distance: {MISSING} handler: {MISSING} stock: {MISSING}"
    }
    assert stored(query) == []


def test_several_bad_fields_are_named_in_one_line(client, headers):
    body = {"max_speed": 0, "distance": -1, "handler": "", "stock": None}
    response = client.post("/auto/Audi", json=body, headers=headers)
    assert response.json == {
        "Error": "max_speed: Must be greater than 0. distance: Must be greater than or equal to 0."
        " handler: Length must be between 1 and 200. stock: Field may not be null."
    }


@pytest.mark.parametrize(
    ("kwargs", "status", "error"),
    [
        (
            {"data": "{not json", "content_type": "application/json"},
            400,
            "Malformed request body: send a valid JSON object.",
        ),
        ({"json": [BMW]}, 400, "The request body must be a JSON object."),
        (
            {"data": "null", "content_type": "application/json"},
            400,
            "The request body must be a JSON object.",
        ),
        (
            {"data": "x" * (1024 * 1024 + 1), "content_type": "application/json"},
            413,
            "The request body is too large (the limit is 1 MiB).",
        ),
    ],
)
def test_unreadable_auto_body_answers_an_error(client, headers, query, kwargs, status, error):
    response = client.post("/auto/Audi", headers=headers, **kwargs)
    assert response.status_code == status
    assert response.json == {"Error": error}
    assert stored(query) == []


@pytest.mark.parametrize("path", ["/auto/BMW", "/auto/BMW/"])
def test_delete_an_auto(client, headers, query, bmw, path):
    response = client.delete(path, headers=headers)
    assert response.status_code == 202
    assert response.json == {"Message": "Auto deleted"}
    assert stored(query) == []
    again = client.delete(path, headers=headers)
    assert again.status_code == 404
    assert again.json == NOT_FOUND


def test_a_deleted_mark_can_be_created_again(client, headers, query, bmw):
    client.delete("/auto/BMW", headers=headers)
    assert client.post("/auto/BMW", json=LADA, headers=headers).status_code == 201
    assert stored(query) == [row("BMW", LADA)]


@pytest.mark.parametrize("path", ["/stock", "/stock/"])
def test_empty_stock_is_400(client, headers, path):
    response = client.get(path, headers=headers)
    assert response.status_code == 400
    assert response.json == {"Error": "No one autos found in DataBase"}


@pytest.mark.parametrize("path", ["/stock", "/stock/"])
def test_stock_lists_every_auto_in_storage_order(client, headers, path):
    for mark, body in [("Lada Vesta", LADA), ("BMW", BMW), ("Audi", BMW)]:
        client.post(f"/auto/{quote(mark)}", json=body, headers=headers)
    client.patch("/auto/Lada%20Vesta", json={"distance": 1}, headers=headers)
    response = client.get(path, headers=headers)
    assert response.status_code == 200
    assert response.json == [
        {"mark": "Lada Vesta", **LADA, "distance": 1},
        {"mark": "BMW", **BMW},
        {"mark": "Audi", **BMW},
    ]


def test_stock_answers_at_most_unpaged_limit_autos_or_the_page_asked_for(app, client, headers):
    app.config["UNPAGED_LIMIT"] = 2
    for mark in ("A1", "A2", "A3"):
        client.post(f"/auto/{mark}", json=BMW, headers=headers)
    assert [auto["mark"] for auto in client.get("/stock", headers=headers).json] == ["A1", "A2"]
    second = client.get("/stock?page=2&limit=2", headers=headers)
    assert (second.status_code, [auto["mark"] for auto in second.json]) == (200, ["A3"])
    past_the_end = client.get("/stock?page=9", headers=headers)
    assert (past_the_end.status_code, past_the_end.json) == (200, [])


def test_stock_is_empty_again_after_the_last_delete(client, headers, bmw):
    client.delete("/auto/BMW", headers=headers)
    assert client.get("/stock", headers=headers).json == {"Error": "No one autos found in DataBase"}


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("patch", "/stock", "GET, HEAD, OPTIONS"),
        ("post", "/stock/", "GET, HEAD, OPTIONS"),
        ("get", "/register", "OPTIONS, POST"),
        ("delete", "/auth", "OPTIONS, POST"),
    ],
)
def test_a_wrong_method_is_405_in_the_dealer_dialect(client, headers, method, path, allow):
    response = getattr(client, method)(path, headers=headers)
    assert response.status_code == 405
    assert response.json == {"Error": "This method is not allowed on this path."}
    assert sorted(response.headers["Allow"].split(", ")) == allow.split(", ")


@pytest.mark.parametrize("path", ["/auto", "/auto/", "/auto/BMW/extra", "/auto/a%2Fb"])
def test_unknown_dealer_paths_are_404_in_the_dealer_dialect(client, headers, path):
    response = client.get(path, headers=headers)
    assert response.status_code == 404
    assert response.json == {"Error": "No such path. See /swagger/ for the list of endpoints."}


@pytest.mark.parametrize(
    ("method", "path"),
    [("post", "/auth/login"), ("post", "/auth/register"), ("get", "/autos"), ("get", "/stocks")],
)
def test_other_paths_keep_the_standard_error_shape(client, method, path):
    response = getattr(client, method)(path, json={})
    assert "Error" not in response.json
    assert "message" in response.json


def test_swagger_documents_the_dealer(client):
    paths = client.get("/swagger.json").json["paths"]
    assert set(paths["/register"]) == {"post"}
    assert set(paths["/auth"]) == {"post"}
    assert set(paths["/stock"]) == {"get"}
    item = paths["/auto/{mark}"]
    assert {method: item[method]["operationId"] for method in item if method != "parameters"} == {
        "get": "get_auto",
        "post": "create_auto",
        "put": "replace_auto",
        "patch": "update_auto",
        "delete": "delete_auto",
    }
    assert item["get"]["security"] == [{"Authorization": []}]
