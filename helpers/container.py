"""Wires DAOs into services. Plain Python: DAOs sit on `db.session`, a per-request proxy."""

from dao.catalog import DirectorDAO, GenreDAO, MovieDAO
from dao.favorites import FavoriteDAO
from dao.model import db
from dao.shop import IdempotencyKeyDAO, OrderDAO, ProductDAO
from dao.user import ApiTokenDAO, SpentRefreshTokenDAO, UserDAO
from service.auth import AuthService
from service.catalog import CatalogService, MovieService
from service.favorites import FavoriteService
from service.orders import OrderService
from service.products import ProductService
from service.user import UserService

session = db.session

user_dao = UserDAO(session)
api_token_dao = ApiTokenDAO(session)
genre_dao = GenreDAO(session)
director_dao = DirectorDAO(session)
movie_dao = MovieDAO(session)
product_dao = ProductDAO(session)

auth_service = AuthService(user_dao, api_token_dao, SpentRefreshTokenDAO(session))
user_service = UserService(user_dao, genre_dao, api_token_dao)
genre_service = CatalogService(genre_dao, "Genre")
director_service = CatalogService(director_dao, "Director")
movie_service = MovieService(movie_dao, genre_dao, director_dao)
favorite_service = FavoriteService(FavoriteDAO(session), movie_dao)
product_service = ProductService(product_dao)
order_service = OrderService(OrderDAO(session), product_dao, IdempotencyKeyDAO(session))
