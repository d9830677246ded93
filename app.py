"""The storefront service: five API families on one core. `python app.py` serves it."""

import shutil
from pathlib import Path

from flask import Flask
from flask.sessions import SessionInterface
from flask_migrate import Migrate
from flask_restx import Api
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.serving import WSGIRequestHandler

from config import BUNDLED_DATABASE, WORKING_DATABASE, Config, secret_key_problem, settings
from dao.model import db
from helpers.http import limits
from helpers.http.decorators import AUTHORIZATIONS
from helpers.http.errors import register_error_handlers
from helpers.http.headers import register_headers
from helpers.http.openapi import register_spec_pages
from helpers.http.wsgi import CollapseSlashes
from views import FAMILIES
from views.cli import register_commands

API_DESCRIPTION = """Five shop and catalog APIs on one core of accounts and tokens.

* **Auth**: protected endpoints take `Authorization: Bearer <jwt>`, `JWT <jwt>` or
  `Token <api token>`; a credential from any family works on every family.
  Public endpoints ignore the header.
* **Bodies**: JSON objects; fields a call does not know are ignored, never stored.
  A password is any non-empty text up to 128 characters, taken exactly as sent.
* **Paging**: `page` (from 1) and `limit` (1-100); `status=new` (or `state=new`) lists
  newest first. The shop's product list answers `{count, next, previous, results}`.
* **Errors**: `{"message": "...", "errors": {"field": ["problem"]}}` (the `Error` model;
  the car dealer answers `{"Error": "..."}`, its `DealerError`). Every operation may also
  answer `400` to a URL holding a NUL character, which no database can store.
* **Limits**: any body over 1 MiB is refused with `413`; login, registration and code
  endpoints answer `429` (with `Retry-After`) past their rate limits.
"""

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# `flask --app app db upgrade` creates or upgrades a database (SQLite batch mode for ALTERs).
migrate = Migrate()


class NoCookieSessions(SessionInterface):
    """Every credential is a token, so no request has a cookie session.

    Flask's default would build a signing serializer from SECRET_KEY on every request only to
    find no cookie; with no session opened Flask uses its empty NullSession and saves nothing.
    """

    def open_session(self, app, request):
        return None

    def save_session(self, app, session, response):
        return None


def engine_options(config) -> dict:
    """Connections checked before use (pool_pre_ping), in a pool sized from the settings."""
    return {
        "pool_pre_ping": True,
        "pool_size": config["DB_POOL_SIZE"],
        "max_overflow": config["DB_MAX_OVERFLOW"],
    }


def ensure_working_copy(
    database_uri: str, working: Path = WORKING_DATABASE, bundled: Path = BUNDLED_DATABASE
) -> None:
    """The default database is a copy of the bundled data.db, made when first needed."""
    if database_uri == f"sqlite:///{working}" and not working.exists():
        working.parent.mkdir(exist_ok=True)
        shutil.copyfile(bundled, working)


def create_app(overrides: dict | None = None) -> Flask:
    app = Flask(__name__)
    app.config.update(settings(Config))
    app.config.update(overrides or {})
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", engine_options(app.config))
    ensure_working_copy(app.config["SQLALCHEMY_DATABASE_URI"])
    app.session_interface = NoCookieSessions()
    app.url_map.strict_slashes = False  # `/movies` and `/movies/` answer alike, no redirect
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR), render_as_batch=True)
    limits.init_app(app)

    api = Api(
        app,
        title="storefront",
        version="1.0",
        description=API_DESCRIPTION,
        doc=False,  # the Swagger page is Swagger UI 5: helpers/http/openapi.py
        authorizations=AUTHORIZATIONS,
    )
    for family in FAMILIES:
        family.install(api)
    register_spec_pages(app, api)

    register_error_handlers(app, api)
    register_headers(app)
    app.wsgi_app = CollapseSlashes(app.wsgi_app)
    if app.config["TRUSTED_PROXIES"]:
        hops = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    register_commands(app, FAMILIES)
    return app


if __name__ == "__main__":
    WSGIRequestHandler.server_version = "storefront"  # no server or Python version on the wire
    WSGIRequestHandler.sys_version = ""
    application = create_app()
    if problem := secret_key_problem(application.config["SECRET_KEY"]):
        application.logger.warning("%s (fine for this development server only)", problem)
    application.run(host=application.config["HOST"], port=application.config["PORT"])
