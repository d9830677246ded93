"""Queries of the movie catalog."""

from sqlalchemy import delete, func, insert, literal, select, tuple_
from sqlalchemy.exc import IntegrityError

from dao.base import BaseDAO
from dao.model.movie import Director, Genre, Movie, MoviePageAnchor

ANCHOR_EVERY = 1000
# Offsets below this are cheap to scan; anchors are only built and used past it.
DEEP_OFFSET = 10 * ANCHOR_EVERY
STORAGE, NEWEST = "storage", "newest"
MAX_POSITION = 2**31 - 1  # movie_page_anchors.position is an INTEGER


class GenreDAO(BaseDAO):
    model = Genre


class DirectorDAO(BaseDAO):
    model = Director


class MovieDAO(BaseDAO):
    """Movies, with exact page-number paging that stays fast a million rows deep.

    A plain OFFSET walks every skipped row. Past DEEP_OFFSET we jump to the anchor (every
    ANCHOR_EVERY-th row of the order, kept in `movie_page_anchors`) at or before the offset,
    seek to it with the index, and walk at most ANCHOR_EVERY rows from there.
    """

    model = Movie

    def newest_order(self) -> tuple:
        return (Movie.year.desc(), Movie.id.desc())

    def page(self, offset: int, limit: int | None, newest_first: bool = False) -> list:
        ordering = NEWEST if newest_first else STORAGE
        order = self.newest_order() if newest_first else self.storage_order()
        query = select(Movie).order_by(*order)
        if offset >= DEEP_OFFSET and self._has_anchors(ordering):
            position = offset // ANCHOR_EVERY * ANCHOR_EVERY
            # A position past the column's range (PostgreSQL refuses to compare it) has no anchor.
            anchor = (
                self.session.get(MoviePageAnchor, (ordering, position))
                if position <= MAX_POSITION
                else None
            )
            if anchor is None:
                return []  # past the last anchor, so past the last movie
            query = query.where(self._from_anchor(ordering, anchor))
            offset -= anchor.position
        return list(self.session.scalars(query.offset(offset).limit(limit)))

    def lacks_anchors(self, offset: int, newest_first: bool) -> bool:
        """Whether a page at `offset` would be faster with anchors that are not built yet."""
        return offset >= DEEP_OFFSET and not self._has_anchors(NEWEST if newest_first else STORAGE)

    def build_anchors(self, newest_first: bool) -> None:
        """Record every ANCHOR_EVERY-th movie of the order (one pass, in SQL)."""
        ordering = NEWEST if newest_first else STORAGE
        order = self.newest_order() if newest_first else self.storage_order()
        numbered = select(
            Movie.id, Movie.year, (func.row_number().over(order_by=order) - 1).label("position")
        ).subquery()
        rows = select(literal(ordering), numbered.c.position, numbered.c.id, numbered.c.year).where(
            numbered.c.position % ANCHOR_EVERY == 0
        )
        columns = ["ordering", "position", "movie_id", "year"]
        try:
            with self.session.begin_nested():
                self.session.execute(insert(MoviePageAnchor).from_select(columns, rows))
        except IntegrityError:
            pass  # another worker built the same anchors first

    def add(self, obj):
        self._drop_anchors()
        return super().add(obj)

    def update(self, obj, changes: dict):
        self._drop_anchors()
        return super().update(obj, changes)

    def delete(self, obj) -> None:
        self._drop_anchors()
        super().delete(obj)

    def add_many(self, rows: list[dict]) -> None:
        """Insert movies in bulk (the synthetic data generator)."""
        self._drop_anchors()
        self.session.execute(insert(Movie), rows)

    def _from_anchor(self, ordering: str, anchor: MoviePageAnchor):
        if ordering == NEWEST:
            return tuple_(Movie.year, Movie.id) <= (anchor.year, anchor.movie_id)
        return Movie.id >= anchor.movie_id

    def _has_anchors(self, ordering: str) -> bool:
        return self.session.get(MoviePageAnchor, (ordering, 0)) is not None

    def _drop_anchors(self) -> None:
        self.session.execute(delete(MoviePageAnchor))
