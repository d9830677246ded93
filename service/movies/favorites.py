"""A user's favorite movies."""

from dao.model.accounts import User
from dao.model.movies import FavoriteMovie, Movie
from dao.movies import FavoriteDAO, MovieDAO
from helpers.errors import NotFound
from helpers.pagination import PageRequest
from service.base import Service


class FavoriteService(Service):
    def __init__(self, favorites: FavoriteDAO, movies: MovieDAO):
        super().__init__(favorites.session)
        self.favorites = favorites
        self.movies = movies

    def list(self, user: User, page: PageRequest) -> list[Movie]:
        return self.favorites.movies_of(user.id, page.offset, page.limit)

    def add(self, user: User, movie_id: int) -> None:
        """Mark a movie as a favorite (a favorite already stays one); raise NotFound."""
        with self._transaction():
            if self.movies.get(movie_id) is None:
                raise NotFound(f"Movie {movie_id} not found.")
            if not self.favorites.find(user.id, movie_id):
                # A concurrent add of the same favorite may win: it is one all the same.
                self.favorites.try_save(FavoriteMovie(user_id=user.id, movie_id=movie_id))

    def remove(self, user: User, movie_id: int) -> None:
        """Unmark a favorite; raise NotFound if it was not one."""
        with self._transaction():
            if not self.favorites.remove(user.id, movie_id):
                raise NotFound(f"Movie {movie_id} is not among your favorites.")
