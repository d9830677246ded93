"""The ceiling of this stack: a bare Flask app answering a JSON list of 12 movies.

It serialises the same list the service answers for `GET /movies/?page=1` on the bundled
data, under the same gunicorn settings, so the ratio measures only what the service adds.
"""

import json
from pathlib import Path

from flask import Flask, jsonify

MOVIES = json.loads(Path(__file__).with_name("movies_page1.json").read_text(encoding="utf-8"))


def create_app() -> Flask:
    app = Flask(__name__)
    app.json.ensure_ascii = False

    @app.get("/movies/")
    def movies():
        return jsonify(MOVIES)

    return app
