"""Wires DAOs into services. Plain Python: DAOs sit on `db.session`, a per-request proxy."""

from dao.cassettes import CassetteDAO
from dao.catalog import DirectorDAO, GenreDAO, MovieDAO
from dao.dealer import AutoDAO
from dao.favorites import FavoriteDAO
from dao.model import db
from dao.referral import PhoneCodeDAO
from dao.shop import IdempotencyKeyDAO, OrderDAO, ProductDAO
from dao.user import ApiTokenDAO, SpentRefreshTokenDAO, UserDAO
from service.auth import AuthService
from service.cassettes import CassetteService, TokenAccountService
from service.catalog import CatalogService, MovieService
from service.dealer import DealerService
from service.favorites import FavoriteService
from service.health import HealthService
from service.orders import OrderService
from service.phone_login import PhoneLoginService
from service.products import ProductService
from service.referral import ReferralService
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
dealer_service = DealerService(AutoDAO(session), auth_service)
token_account_service = TokenAccountService(auth_service)
cassette_service = CassetteService(CassetteDAO(session))
phone_login_service = PhoneLoginService(user_dao, PhoneCodeDAO(session))
referral_service = ReferralService(user_dao)
product_service = ProductService(product_dao)
order_service = OrderService(OrderDAO(session), product_dao, IdempotencyKeyDAO(session))
health_service = HealthService(session)
