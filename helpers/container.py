"""Wires DAOs into services. Plain Python: DAOs sit on `db.session`, a per-request proxy."""

from dao.accounts import ApiTokenDAO, SpentRefreshTokenDAO, UserDAO
from dao.cassettes import CassetteDAO
from dao.dealer import AutoDAO
from dao.model import db
from dao.movies import DirectorDAO, FavoriteDAO, GenreDAO, MovieDAO
from dao.referral import PhoneCodeDAO
from dao.shop import IdempotencyKeyDAO, OfferDAO, OrderDAO, ProductDAO
from service.accounts import AuthService
from service.cassettes import CassetteService, TokenAccountService
from service.crud import CrudService
from service.dealer import DealerService
from service.health import HealthService
from service.movies.catalog import MovieService
from service.movies.favorites import FavoriteService
from service.movies.profile import UserService
from service.outside import Outside
from service.referral.phone_login import PhoneLoginService
from service.referral.profiles import ReferralService
from service.seed import SeedService
from service.shop.offers import OfferService
from service.shop.orders import OrderService
from service.shop.products import ProductService
from service.shop.profile import ProfileService

session = db.session
outside = Outside()  # the clock and random codes; tests hand in fakes here

user_dao = UserDAO(session)
api_token_dao = ApiTokenDAO(session)
genre_dao = GenreDAO(session)
director_dao = DirectorDAO(session)
movie_dao = MovieDAO(session)
product_dao = ProductDAO(session)
offer_dao = OfferDAO(session)

auth_service = AuthService(user_dao, api_token_dao, SpentRefreshTokenDAO(session), outside)
user_service = UserService(user_dao, genre_dao, api_token_dao)
genre_service = CrudService(genre_dao, "Genre")
director_service = CrudService(director_dao, "Director")
movie_service = MovieService(movie_dao, genre_dao, director_dao)
favorite_service = FavoriteService(FavoriteDAO(session), movie_dao)
dealer_service = DealerService(AutoDAO(session), auth_service)
token_account_service = TokenAccountService(auth_service)
cassette_service = CassetteService(CassetteDAO(session))
phone_login_service = PhoneLoginService(user_dao, PhoneCodeDAO(session), auth_service, outside)
referral_service = ReferralService(user_dao)
product_service = ProductService(product_dao)
shop_profile_service = ProfileService(user_dao)
offer_service = OfferService(offer_dao, product_dao, outside)
order_service = OrderService(
    OrderDAO(session), product_dao, offer_dao, IdempotencyKeyDAO(session), outside
)
health_service = HealthService(session)
seed_service = SeedService(session)
