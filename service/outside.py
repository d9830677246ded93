"""What use cases take from outside the program: the time and random codes.

One `Outside` is made in the container and handed to the services that need it, so a test hands
in a fake clock or fixed codes there (the `outside` fixture) instead of patching modules.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from dao.model.base import utcnow
from helpers import security


@dataclass
class Outside:
    now: Callable[[], datetime] = utcnow
    phone_code: Callable[[], str] = security.new_phone_code
    invite_code: Callable[[], str] = security.new_invite_code
