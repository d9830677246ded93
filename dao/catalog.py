"""Queries of the movie catalog."""

from dao.base import BaseDAO
from dao.model.movie import Director, Genre, Movie


class GenreDAO(BaseDAO):
    model = Genre


class DirectorDAO(BaseDAO):
    model = Director


class MovieDAO(BaseDAO):
    model = Movie

    def newest_order(self) -> tuple:
        return (Movie.year.desc(), Movie.id.desc())
