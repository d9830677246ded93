"""Response headers every answer carries: security headers, and CORS when it is configured."""

from flask import Flask, request
from flask_cors import CORS

# The Swagger UI loads its own scripts and styles and runs inline ones; everything else is
# JSON and may load nothing at all.
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
SWAGGER_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'"
)
SWAGGER_PAGES = ("swagger_page", "api_swagger_page")  # the blueprints of helpers/http/openapi.py


def _security_headers(response):
    swagger = request.blueprint in SWAGGER_PAGES
    response.headers["Content-Security-Policy"] = SWAGGER_POLICY if swagger else API_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cross-Origin-Resource-Policy"] = "same-origin"
    response.headers["Cache-Control"] = response.headers.get("Cache-Control", "no-store")
    return response


def register_headers(app: Flask) -> None:
    app.after_request(_security_headers)
    origins = [o.strip() for o in app.config["CORS_ORIGINS"].split(",") if o.strip()]
    if origins:
        CORS(
            app,
            origins=origins,
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key"],
            expose_headers=["Retry-After"],
            max_age=600,
        )
