"""The movie catalog: reading genres, directors and movies, and admins editing them."""

from sqlalchemy.orm import Session

from dao.model.movies import Director, Genre, Movie
from dao.movies import DirectorDAO, GenreDAO, MovieDAO
from helpers.errors import Invalid
from helpers.pagination import PageRequest
from service.crud import CrudService
from service.seed import fixture, rows


class MovieService(CrudService):
    def __init__(self, movies: MovieDAO, genres: GenreDAO, directors: DirectorDAO):
        super().__init__(movies, "Movie")
        self.movies = movies
        self.references = {"genre_id": (genres, "genre"), "director_id": (directors, "director")}

    def list(self, page: PageRequest) -> list:
        """A page of movies; the first deep page since a change records the page anchors."""
        if self.movies.lacks_anchors(page.offset, page.newest_first):
            with self._transaction():
                self.movies.build_anchors(page.newest_first)
        return super().list(page)

    def _validate(self, data: dict, current=None) -> None:
        errors = {
            field: [f"There is no {label} with id {data[field]}."]
            for field, (dao, label) in self.references.items()
            if field in data and dao.get(data[field]) is None
        }
        if errors:
            raise Invalid("The movie refers to something that does not exist.", errors)


def load_movies(session: Session) -> None:
    """The course's standard data set: 20 movies, their genres and directors."""
    data = fixture("movies")
    session.add_all(Genre(**row) for row in rows(data["genres"]))
    session.add_all(Director(**row) for row in rows(data["directors"]))
    session.flush()
    session.add_all(Movie(**row) for row in rows(data["movies"]))
