"""The OpenAPI 3.1 document, made from the Swagger 2.0 one that Flask-RESTX builds from our
routes and marshmallow schemas: one source, two formats. Served at `/openapi.json`, beside
`/swagger.json`, and both shown by the Swagger page (Swagger UI 5, served from its package:
Flask-RESTX's own renders only 2.0), at `/swagger/` and `/api/swagger/`.

Only what 2.0 says differently is rewritten: models move to `components/schemas`, a body
parameter becomes a `requestBody`, answers and parameters put their schema under `content` or
`schema`, `x-nullable` becomes a `"null"` type, and a boolean exclusive bound a number.
"""

from copy import deepcopy

from flask import Flask, jsonify
from flask_restx import Api
from flask_swagger_ui import get_swaggerui_blueprint

from helpers.http.headers import SWAGGER_PAGES

JSON = "application/json"
# What a 2.0 parameter says about its value, which 3.x keeps in the parameter's `schema`.
VALUE_KEYWORDS = {
    "type", "format", "items", "enum", "default", "pattern", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
    "collectionFormat", "x-nullable",
}  # fmt: skip
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch"}
SPECS = [
    {"url": "/openapi.json", "name": "OpenAPI 3.1"},
    {"url": "/swagger.json", "name": "Swagger 2.0"},
]
PAGE_CONFIG = {
    "app_name": "storefront",
    "urls": SPECS,
    "urls.primaryName": SPECS[0]["name"],
    "validatorUrl": None,  # Swagger UI would send the spec to validator.swagger.io
    "docExpansion": "none",  # the families first, each opened by a click
}


def register_spec_pages(app: Flask, api: Api) -> None:
    """`/openapi.json`, and the Swagger page at `/swagger/` (and `/api/swagger/`)."""
    app.add_url_rule("/openapi.json", "openapi", lambda: jsonify(openapi_31(api.__schema__)))
    for url, name in zip(("/swagger", "/api/swagger"), SWAGGER_PAGES, strict=True):
        app.register_blueprint(
            get_swaggerui_blueprint(url, SPECS[0]["url"], PAGE_CONFIG, blueprint_name=name)
        )


def openapi_31(swagger: dict) -> dict:
    """The OpenAPI 3.1 form of the Swagger 2.0 document `swagger` (which is left as it is)."""
    spec = deepcopy(swagger)
    document = {
        "openapi": "3.1.0",
        "info": spec["info"],
        "servers": [{"url": spec.get("basePath", "/")}],
        "tags": spec.get("tags", []),
        "paths": {path: _path_item(item) for path, item in spec.get("paths", {}).items()},
        "components": {
            "schemas": {
                name: _schema(model) for name, model in spec.get("definitions", {}).items()
            },
            "securitySchemes": spec.get("securityDefinitions", {}),
        },
    }
    return _with_new_refs(document)


def _path_item(item: dict) -> dict:
    converted = {}
    for key, value in item.items():
        if key == "parameters":
            converted[key] = [_parameter(parameter) for parameter in value]
        elif key in HTTP_METHODS:
            converted[key] = _operation(value)
        else:
            converted[key] = value
    return converted


def _operation(operation: dict) -> dict:
    rewritten = ("parameters", "responses", "produces", "consumes")
    converted = {k: v for k, v in operation.items() if k not in rewritten}
    parameters = operation.get("parameters", [])
    bodies = [parameter for parameter in parameters if parameter["in"] == "body"]
    others = [_parameter(parameter) for parameter in parameters if parameter["in"] != "body"]
    if others:
        converted["parameters"] = others
    if bodies:
        body = bodies[0]
        converted["requestBody"] = {
            "required": body.get("required", False),
            "content": {JSON: {"schema": _schema(body["schema"])}},
            **({"description": body["description"]} if "description" in body else {}),
        }
    converted["responses"] = {
        status: _response(answer) for status, answer in operation["responses"].items()
    }
    return converted


def _parameter(parameter: dict) -> dict:
    value = {k: v for k, v in parameter.items() if k in VALUE_KEYWORDS}
    value.pop("collectionFormat", None)
    converted = {k: v for k, v in parameter.items() if k not in VALUE_KEYWORDS}
    converted["schema"] = _schema(value)
    if parameter["in"] == "path":
        converted["required"] = True
    return converted


def _response(answer: dict) -> dict:
    converted = {"description": answer.get("description", "")}
    if "schema" in answer:
        converted["content"] = {JSON: {"schema": _schema(answer["schema"])}}
    if "headers" in answer:
        converted["headers"] = {
            name: {
                **({"description": header["description"]} if "description" in header else {}),
                "schema": _schema({k: v for k, v in header.items() if k != "description"}),
            }
            for name, header in answer["headers"].items()
        }
    return converted


def _schema(schema):
    """A 2.0 schema in 3.1's JSON Schema dialect, nested schemas included."""
    if isinstance(schema, list):
        return [_schema(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {
        key: _schema(value) if key in ("items", "additionalProperties", "allOf") else value
        for key, value in schema.items()
    }
    if "properties" in schema:
        converted["properties"] = {k: _schema(v) for k, v in schema["properties"].items()}
    if converted.pop("x-nullable", False):
        if "type" in converted:
            converted["type"] = [converted["type"], "null"]
        elif "$ref" in converted:  # a nullable model
            converted["anyOf"] = [{"$ref": converted.pop("$ref")}, {"type": "null"}]
    for bound, limit in (("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")):
        if converted.get(bound) is True:
            converted[bound] = converted.pop(limit)
        elif converted.get(bound) is False:
            del converted[bound]
    return converted


def _with_new_refs(node):
    """Point every `$ref` at the models' new home."""
    if isinstance(node, dict):
        return {
            key: value.replace("#/definitions/", "#/components/schemas/")
            if key == "$ref"
            else _with_new_refs(value)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_with_new_refs(item) for item in node]
    return node
