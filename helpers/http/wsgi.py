"""WSGI middleware around the app."""

import re

REPEATED_SLASHES = re.compile("/{2,}")


class CollapseSlashes:
    """Serve `/movies//1` as `/movies/1`: the same answer, with no redirect.

    werkzeug would answer a 308 to the collapsed path (an HTML page), and a method the path
    does not allow was a 500 there; clients that join URLs carelessly get the real answer.
    """

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if "//" in path:
            environ["PATH_INFO"] = REPEATED_SLASHES.sub("/", path)
        return self.app(environ, start_response)
