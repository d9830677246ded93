"""Paging for every list endpoint: `page`/`limit` parsing, `status=new` ordering, envelopes."""

from dataclasses import dataclass

from flask import current_app, request
from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from helpers.errors import Invalid

MAX_OFFSET = 2**63 - 1


@dataclass(frozen=True)
class PageRequest:
    """Page `page` of `limit` rows; `page=None`: the first `limit` rows, unpaged."""

    page: int | None
    limit: int | None
    newest_first: bool = False

    @property
    def offset(self) -> int:
        # SQL takes a signed 64-bit OFFSET; any page that far out is past the end anyway.
        return min((self.page - 1) * self.limit, MAX_OFFSET) if self.page else 0


class PageArgsSchema(Schema):
    class Meta:
        unknown = EXCLUDE  # other query parameters are the endpoint's own filters

    page = fields.Integer(validate=validate.Range(min=1), metadata={"description": "Page number"})
    limit = fields.Integer(
        validate=validate.Range(min=1, max=100), metadata={"description": "Rows per page (1-100)"}
    )
    status = fields.String(metadata={"description": "`new`: newest first"})
    state = fields.String(metadata={"description": "Synonym of `status`"})


PAGE_PARAMS = {
    "page": {
        "in": "query",
        "type": "integer",
        "minimum": 1,
        "description": "Page number (1-based)",
    },
    "limit": {
        "in": "query",
        "type": "integer",
        "minimum": 1,
        "maximum": 100,
        "description": "Rows per page",
    },
}
ORDER_PARAMS = {
    "status": {"in": "query", "type": "string", "description": "`new`: newest first"},
    "state": {"in": "query", "type": "string", "description": "Synonym of `status`"},
}


def page_request(default_limit: int | None = None, always_paged: bool = False) -> PageRequest:
    """Read paging from the query string; raise Invalid (400) on a bad page or limit.

    With neither `page` nor `limit`, the whole list is asked for (the catalog's seed and its
    front end rely on that for the genre and director pickers) unless `always_paged`; it is
    still capped at UNPAGED_LIMIT rows so that no request can pull a whole large table.
    """
    try:
        args = PageArgsSchema().load(request.args.to_dict())
    except ValidationError as exc:
        raise Invalid("Invalid paging parameters.", exc.messages) from None
    order = (args.get("status") or args.get("state") or "").lower()
    page = args.get("page")
    if page is None and "limit" not in args and not always_paged:
        return PageRequest(None, current_app.config["UNPAGED_LIMIT"], order == "new")
    size = args.get("limit") or default_limit or current_app.config["PAGE_SIZE"]
    return PageRequest(page or 1, size, order == "new")
