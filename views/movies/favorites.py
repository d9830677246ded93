"""Favorite movies of the signed-in user (seed 004): `/favorites/movies/`."""

from flask import g
from flask_restx import Namespace, Resource

from helpers.container import favorite_service
from helpers.http.decorators import auth_required
from helpers.http.docs import BAD_PAGE, operation
from helpers.http.params import PAGE_PARAMS, page_request
from helpers.http.schemas import schema_model
from views.movies.schemas import MovieSchema

ns = Namespace("favorites", description="Your favorite movies")

movies_schema = MovieSchema(many=True)
movie_model = schema_model(ns, MovieSchema(), "FavoriteMovie")


@ns.route("/movies/")
class FavoriteList(Resource):
    @operation(ns, params=PAGE_PARAMS, answers={200: ("Success", [movie_model]), 400: BAD_PAGE})
    @auth_required
    def get(self):
        """List your favorite movies"""
        return movies_schema.dump(favorite_service.list(g.user, page_request()))


@ns.route("/movies/<int:movie_id>")
@ns.response(404, "No such movie, or not a favorite")
class FavoriteItem(Resource):
    @operation(ns, answers={200: "Added, or already a favorite (the body is null)"})
    @auth_required
    def post(self, movie_id: int):
        """Add a movie to your favorites"""
        favorite_service.add(g.user, movie_id)
        return None

    @operation(ns, answers={204: "Removed"})
    @auth_required
    def delete(self, movie_id: int):
        """Remove a movie from your favorites"""
        favorite_service.remove(g.user, movie_id)
        return "", 204
