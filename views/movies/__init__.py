"""The movie catalog with accounts and favorites (seed 004), mounted at the root."""

from service.movies.catalog import load_movies
from views.family import Family
from views.movies import auth, catalog, favorites, user

FAMILY = Family(
    name="movies",
    namespaces=(
        (catalog.movies_ns, "/movies"),
        (catalog.genres_ns, "/genres"),
        (catalog.directors_ns, "/directors"),
        (auth.ns, "/auth"),
        (user.ns, "/user"),
        (favorites.ns, "/favorites"),
    ),
    demo_data=(load_movies,),
)
