"""Queries of the movie catalog and of users' favorite movies."""

from sqlalchemy import delete, select, tuple_
from sqlalchemy.exc import IntegrityError

from dao.base import MAX_ID, BaseDAO
from dao.model.movies import Director, FavoriteMovie, Genre, Movie, MoviePageAnchor

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

    def page(
        self, offset: int, limit: int | None, newest_first: bool = False, where: tuple = ()
    ) -> list:
        if where:  # the anchors index the whole catalog: a filtered page takes the plain road
            return super().page(offset, limit, newest_first, where)
        ordering = NEWEST if newest_first else STORAGE
        order = self.newest_order() if newest_first else self.storage_order()
        # The rows skipped are walked in the index alone (ids only); just the page's own movies
        # are then read, with their genre and director.
        window = select(Movie.id).order_by(*order)
        anchor = self._anchor_at(ordering, offset) if offset >= DEEP_OFFSET else None
        if anchor is not None:
            window = window.where(self._from_anchor(ordering, anchor))
            offset -= anchor.position
        elif offset >= DEEP_OFFSET and self._has_anchors(ordering):
            return []  # anchors end before this offset, so the movies do too
        page_ids = window.offset(offset).limit(limit).scalar_subquery()
        return list(
            self.session.scalars(select(Movie).where(Movie.id.in_(page_ids)).order_by(*order))
        )

    def lacks_anchors(self, offset: int, newest_first: bool) -> bool:
        """Whether a page at `offset` would be faster with anchors that are not built yet."""
        ordering = NEWEST if newest_first else STORAGE
        return (
            offset >= DEEP_OFFSET
            and self._anchor_at(ordering, offset) is None
            and not self._has_anchors(ordering)
        )

    def build_anchors(self, newest_first: bool) -> None:
        """Record every ANCHOR_EVERY-th movie of the order.

        Each anchor is found from the one before by walking ANCHOR_EVERY index entries, so
        the whole pass reads the index once and holds one row at a time.
        """
        ordering = NEWEST if newest_first else STORAGE
        order = self.newest_order() if newest_first else self.storage_order()
        anchors, step = [], select(Movie.id, Movie.year).order_by(*order).limit(1)
        row = self.session.execute(step).first()
        while row is not None:
            anchor = MoviePageAnchor(
                ordering=ordering,
                position=len(anchors) * ANCHOR_EVERY,
                movie_id=row.id,
                year=row.year,
            )
            anchors.append(anchor)
            after = step.where(self._from_anchor(ordering, anchor)).offset(ANCHOR_EVERY)
            row = self.session.execute(after).first()
        try:
            with self.session.begin_nested():
                self.session.add_all(anchors)
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
        self._drop_anchors()
        super().add_many(rows)

    def _from_anchor(self, ordering: str, anchor: MoviePageAnchor):
        if ordering == NEWEST:
            return tuple_(Movie.year, Movie.id) <= (anchor.year, anchor.movie_id)
        return Movie.id >= anchor.movie_id

    def _anchor_at(self, ordering: str, offset: int) -> MoviePageAnchor | None:
        """The anchor at or before `offset` (from the identity map when asked twice)."""
        position = offset // ANCHOR_EVERY * ANCHOR_EVERY
        if position > MAX_POSITION:  # PostgreSQL refuses to compare it with the column
            return None
        return self.session.get(MoviePageAnchor, (ordering, position))

    def _has_anchors(self, ordering: str) -> bool:
        return self.session.get(MoviePageAnchor, (ordering, 0)) is not None

    def _drop_anchors(self) -> None:
        self.session.execute(delete(MoviePageAnchor))


class FavoriteDAO(BaseDAO):
    model = FavoriteMovie

    def find(self, user_id: int, movie_id: int) -> FavoriteMovie | None:
        if not 0 < movie_id <= MAX_ID:
            return None
        return self.session.get(FavoriteMovie, (user_id, movie_id))

    def remove(self, user_id: int, movie_id: int) -> bool:
        """Delete the favorite; False if it was not one (a concurrent removal came first)."""
        if not 0 < movie_id <= MAX_ID:
            return False
        result = self.session.execute(
            delete(FavoriteMovie).where(
                FavoriteMovie.user_id == user_id, FavoriteMovie.movie_id == movie_id
            )
        )
        return result.rowcount == 1

    def movies_of(self, user_id: int, offset: int, limit: int | None) -> list[Movie]:
        query = (
            select(Movie)
            .join(FavoriteMovie, FavoriteMovie.movie_id == Movie.id)
            .where(FavoriteMovie.user_id == user_id)
            .order_by(Movie.id)
            .offset(offset)
            .limit(limit)
        )
        return list(self.session.scalars(query))
