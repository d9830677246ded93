"""A page request: which rows of a list, in which order. No Flask here (helpers/http/params.py
reads it from a request)."""

from dataclasses import dataclass

MAX_OFFSET = 2**63 - 1


@dataclass(frozen=True)
class PageRequest:
    """Page `page` of `limit` rows; `page=None`: the first `limit` rows, unpaged."""

    page: int | None
    limit: int | None
    newest_first: bool = False

    @property
    def offset(self) -> int:
        # Capped at the largest offset databases take: a page far past the end is just empty.
        return min((self.page - 1) * self.limit, MAX_OFFSET) if self.page else 0
