"""Paging for every list endpoint: `page`/`limit` parsing, `status=new` ordering, envelopes."""

import math
from urllib.parse import urlencode

from flask import current_app, request
from marshmallow import ValidationError, fields, pre_load, validate

from helpers.http.schemas import NO_NUL, Schema, load, schema_params
from helpers.pagination import PageRequest

NEWEST = "new"


def newest_only(value: str) -> None:
    if value.lower() != NEWEST:
        raise ValidationError('Must be "new" (newest first); leave it out for storage order.')


class PageArgsSchema(Schema):
    """`page` and `limit`; other query parameters are the endpoint's own filters."""

    page = fields.Integer(
        validate=validate.Range(min=1), metadata={"description": "Page number (1-based)"}
    )
    limit = fields.Integer(
        validate=validate.Range(min=1, max=100), metadata={"description": "Rows per page"}
    )


class OrderedPageArgsSchema(PageArgsSchema):
    """Paging and the order: `status=new` (any other value: storage order, as seed 004 says)
    or its synonym `state=new`, which the course's tests send and whose other values are
    refused. With both, `status` decides and `state` is ignored."""

    status = fields.String(metadata={"description": "`new`: newest first", "pattern": NO_NUL})
    state = fields.String(
        validate=newest_only,
        metadata={
            "description": "Synonym of `status=new` (any case); other values are refused",
            "pattern": "^[nN][eE][wW]$",
        },
    )

    @pre_load
    def status_decides(self, data, **kwargs):
        return {k: v for k, v in data.items() if k != "state"} if "status" in data else data


PAGE_PARAMS = schema_params(PageArgsSchema())
ORDER_PARAMS = schema_params(OrderedPageArgsSchema(only=("status", "state")))


def page_request(
    default_limit: int | None = None, always_paged: bool = False, ordered: bool = False
) -> PageRequest:
    """Read paging (and the order, if `ordered`) from the query string; raise Invalid (400)
    on a bad page, limit or `state`.

    With neither `page` nor `limit`, the whole list is asked for (the catalog's seed and its
    front end rely on that for the genre and director pickers) unless `always_paged`; it is
    still capped at UNPAGED_LIMIT rows so that no request can pull a whole large table.
    """
    schema = OrderedPageArgsSchema() if ordered else PageArgsSchema()
    args = load(schema, request.args.to_dict(), "Invalid paging parameters.")
    newest_first = (args.get("status") or args.get("state") or "").lower() == NEWEST
    page = args.get("page")
    if page is None and "limit" not in args and not always_paged:
        return PageRequest(None, current_app.config["UNPAGED_LIMIT"], newest_first)
    size = args.get("limit") or default_limit or current_app.config["PAGE_SIZE"]
    return PageRequest(page or 1, size, newest_first)


def page_envelope(results: list, count: int, page: PageRequest) -> dict:
    """A page as `{count, next, previous, results}`, the links absolute URLs of this request
    with `page` replaced (or null). `results` is already dumped; `count` counts every row."""
    if page.page is None:
        return {"count": count, "next": None, "previous": None, "results": results}
    last = max(1, math.ceil(count / page.limit))
    return {
        "count": count,
        "next": _page_url(page.page + 1) if page.page < last else None,
        "previous": _page_url(min(page.page - 1, last)) if page.page > 1 else None,
        "results": results,
    }


def _page_url(number: int) -> str:
    args = request.args.to_dict(flat=False)
    args["page"] = [str(number)]
    return f"{request.base_url}?{urlencode(args, doseq=True)}"


def envelope_schema(item: type[Schema]) -> Schema:
    """The schema of a page of `item`s, for Swagger."""
    rows_url = f"http://localhost:5000/api/{item.__name__.removesuffix('Schema').lower()}s"
    fields_of_page = {
        "count": fields.Integer(
            metadata={"description": "Rows matching, on every page", "example": 24}
        ),
        "next": fields.String(
            allow_none=True,
            metadata={
                "description": "Next page URL or null",
                "example": f"{rows_url}?limit=10&page=3",
            },
        ),
        "previous": fields.String(
            allow_none=True,
            metadata={
                "description": "Previous page URL or null",
                "example": f"{rows_url}?limit=10&page=1",
            },
        ),
        "results": fields.List(
            fields.Nested(item),
            metadata={  # one row of the page: the example of each of the item's fields
                "example": [
                    {
                        field.data_key or name: field.metadata["example"]
                        for name, field in item().fields.items()
                        if "example" in field.metadata and not field.load_only
                    }
                ]
            },
        ),
    }
    return Schema.from_dict(fields_of_page, name=f"{item.__name__}Page")()
