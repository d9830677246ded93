"""The VHS cassette shop (seed 000): `/api/auth/…`, `/api/cassetes/`."""

from helpers.errors import AlreadyExists, WrongCredentials
from helpers.http.errors import ErrorReply
from service.cassettes import load_cassettes
from views.cassettes import routes
from views.family import Family

# Django REST Framework's answers, as seed 000's clients know them: 400 for both.
USERNAME_TAKEN = ErrorReply(
    400, "This username is taken.", {"username": ["A user with that username already exists."]}
)
FAMILY = Family(
    name="cassettes",
    namespaces=((routes.ns, "/api"),),
    error_answers={
        AlreadyExists: USERNAME_TAKEN,
        WrongCredentials: ErrorReply(400, "Unable to log in with provided credentials."),
    },
    demo_data=(load_cassettes,),
)
