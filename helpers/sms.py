"""Delivering login codes: a pluggable SMS sender, chosen by the SMS_SENDER setting.

A sender is any class built from the app's config with a `send(phone, code)` method returning
what the API response may show: the code itself for the simulated sender, or None for one that
delivers real messages (the response then carries no code).
"""

import time
from collections.abc import Callable
from typing import Protocol

from werkzeug.utils import import_string


class SmsSender(Protocol):
    def send(self, phone: str, code: str) -> str | None: ...


class ResponseSender:
    """The simulated SMS: waits SMS_DELAY_SECONDS as a gateway would, then hands the code back.

    `time.sleep` blocks only its own thread: serve with gunicorn's gthread (or gevent) worker
    so a waiting request never stalls the others.
    """

    def __init__(self, config, sleep: Callable[[float], None] = time.sleep):
        self.delay = float(config["SMS_DELAY_SECONDS"])
        self.sleep = sleep

    def send(self, phone: str, code: str) -> str | None:
        if self.delay > 0:
            self.sleep(self.delay)
        return code


def sender_from(config) -> SmsSender:
    """The sender named by SMS_SENDER (an import path such as `helpers.sms.ResponseSender`)."""
    return import_string(config["SMS_SENDER"])(config)
