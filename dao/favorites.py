"""Queries of users' favorite movies."""

from sqlalchemy import delete, select

from dao.base import MAX_ID, BaseDAO
from dao.model.movie import FavoriteMovie, Movie


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
