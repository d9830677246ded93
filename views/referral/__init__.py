"""Phone login and referral profiles (seed 002): `/api/v1/auth/…`, `/api/v1/users/…`."""

from service.referral.phone_login import load_phone_users
from views.family import Family
from views.referral import routes

FAMILY = Family(
    name="referral",
    namespaces=((routes.auth_ns, "/api/v1/auth"), (routes.users_ns, "/api/v1/users")),
    demo_data=(load_phone_users,),
)
