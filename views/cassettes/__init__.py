"""The VHS cassette shop (seed 000): `/api/auth/…`, `/api/cassetes/`."""

from service.cassettes import load_cassettes
from views.cassettes import routes
from views.family import Family

FAMILY = Family(name="cassettes", namespaces=((routes.ns, "/api"),), demo_data=(load_cassettes,))
