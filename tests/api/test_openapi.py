"""`/openapi.json`: the OpenAPI 3.1 form of `/swagger.json`, made from it (one source), valid,
and describing the same operations, models and answers."""

from openapi_spec_validator import OpenAPIV31SpecValidator

from helpers.http.openapi import openapi_31

METHODS = {"get", "put", "post", "delete", "patch"}


def operations(paths: dict) -> dict[tuple[str, str], dict]:
    return {
        (path, method): operation
        for path, item in paths.items()
        for method, operation in item.items()
        if method in METHODS
    }


def test_the_document_is_valid_openapi_31(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    document = response.json
    assert document["openapi"] == "3.1.0"
    assert list(OpenAPIV31SpecValidator(document).iter_errors()) == []


def test_it_has_every_operation_model_and_answer_of_the_swagger_document(client):
    swagger, openapi = client.get("/swagger.json").json, client.get("/openapi.json").json
    old, new = operations(swagger["paths"]), operations(openapi["paths"])
    assert new.keys() == old.keys()
    assert set(openapi["components"]["schemas"]) == set(swagger["definitions"])
    assert openapi["components"]["securitySchemes"] == swagger["securityDefinitions"]
    for key, operation in old.items():
        assert new[key]["operationId"] == operation["operationId"]
        assert new[key]["responses"].keys() == operation["responses"].keys()
        assert ("requestBody" in new[key]) == any(
            p["in"] == "body" for p in operation.get("parameters", [])
        )


def test_a_body_an_answer_and_a_nullable_field_in_31_terms(client):
    document = client.get("/openapi.json").json
    login = document["paths"]["/auth/login"]["post"]
    assert login["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Login"
    }
    assert login["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/TokenPair"
    }
    assert document["components"]["schemas"]["Offer"]["properties"]["product"]["type"] == [
        "integer",
        "null",
    ]
    assert "#/definitions/" not in str(document)


def test_the_conversion_rewrites_only_what_20_says_differently():
    swagger = {
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "basePath": "/",
        "paths": {
            "/things/{thing_id}": {
                "parameters": [{"name": "thing_id", "in": "path", "type": "integer"}],
                "patch": {
                    "operationId": "update_thing",
                    "parameters": [
                        {
                            "name": "payload",
                            "in": "body",
                            "required": True,
                            "schema": {"$ref": "#/definitions/Thing"},
                        },
                        {"name": "Key", "in": "header", "type": "string", "maxLength": 9},
                    ],
                    "responses": {"204": {"description": "Done"}},
                },
            }
        },
        "definitions": {
            "Thing": {
                "type": "object",
                "properties": {
                    "price": {"type": "number", "minimum": 0, "exclusiveMinimum": True},
                    "tags": {"type": "array", "items": {"type": "string", "x-nullable": True}},
                },
            }
        },
    }
    document = openapi_31(swagger)
    item = document["paths"]["/things/{thing_id}"]
    assert item["parameters"] == [
        {"name": "thing_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    ]
    assert item["patch"]["parameters"] == [
        {"name": "Key", "in": "header", "schema": {"type": "string", "maxLength": 9}}
    ]
    assert item["patch"]["requestBody"] == {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
    }
    assert item["patch"]["responses"] == {"204": {"description": "Done"}}
    assert document["components"]["schemas"]["Thing"]["properties"] == {
        "price": {"type": "number", "exclusiveMinimum": 0},
        "tags": {"type": "array", "items": {"type": ["string", "null"]}},
    }
    assert swagger["definitions"]["Thing"]["properties"]["price"]["exclusiveMinimum"] is True
    assert list(OpenAPIV31SpecValidator(document).iter_errors()) == []
