"""The car dealer (seed 001): `/register`, `/auth`, `/auto/<mark>`, `/stock`, at the root.

Its errors answer `{"Error": "..."}` on its paths, whatever raised them.
"""

from helpers.errors import AlreadyExists, WrongCredentials
from helpers.http.errors import ErrorReply
from service.dealer import load_autos
from views.dealer import routes
from views.dealer.schemas import ErrorSchema
from views.family import Family

FAMILY = Family(
    name="dealer",
    namespaces=((routes.ns, "/"),),  # its routes carry no leading slash
    error_body=routes.render_error,
    error_schema=ErrorSchema(),
    error_answers={
        AlreadyExists: ErrorReply(400, "User already exists"),
        WrongCredentials: ErrorReply(401, "Invalid credentials"),
    },
    demo_data=(load_autos,),
)
