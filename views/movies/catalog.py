"""Movie catalog (seed 004): `/movies/`, `/genres/`, `/directors/`.

Reading is public and ignores any Authorization header; writing is for admins.
"""

from helpers.container import director_service, genre_service, movie_service
from views.kit import catalog_namespace
from views.movies.schemas import DirectorSchema, GenreSchema, MovieSchema

movies_ns = catalog_namespace(
    "movies", "movie", movie_service, MovieSchema(), "Movies", used_by_movies=False
)
genres_ns = catalog_namespace(
    "genres", "genre", genre_service, GenreSchema(), "Genres", "A genre with this name exists"
)
directors_ns = catalog_namespace(
    "directors", "director", director_service, DirectorSchema(), "Directors"
)
