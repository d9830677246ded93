"""Queries of pending phone login codes. Writes are conditional, so concurrent requests for one
number can neither send two live codes nor spend more guesses than allowed."""

from datetime import datetime

from sqlalchemy import delete, select, update

from dao.base import BaseDAO
from dao.model.referral import PhoneCode


class PhoneCodeDAO(BaseDAO):
    model = PhoneCode

    def get_by_phone(self, phone: str, for_update: bool = False) -> PhoneCode | None:
        """The number's pending code; `for_update` makes concurrent guesses at it wait in turn."""
        query = select(PhoneCode).where(PhoneCode.phone == phone)
        return self.session.scalar(query.with_for_update() if for_update else query)

    def replace(self, phone: str, sent_before: datetime, **fresh) -> bool:
        """Put a fresh code in place of the stored one, if that was sent before `sent_before`."""
        result = self.session.execute(
            update(PhoneCode)
            .where(PhoneCode.phone == phone, PhoneCode.sent_at <= sent_before)
            .values(tries=0, **fresh)
        )
        return result.rowcount == 1

    def consume(self, code: PhoneCode, max_tries: int) -> bool:
        """Delete the code if it is still the stored one and not burnt; False if it is gone."""
        result = self.session.execute(
            delete(PhoneCode).where(
                PhoneCode.id == code.id,
                PhoneCode.code_hash == code.code_hash,
                PhoneCode.tries < max_tries,
            )
        )
        return result.rowcount == 1

    def count_failure(self, code: PhoneCode, max_tries: int) -> None:
        """One more wrong guess, never counting past `max_tries`."""
        self.session.execute(
            update(PhoneCode)
            .where(PhoneCode.id == code.id, PhoneCode.tries < max_tries)
            .values(tries=PhoneCode.tries + 1)
        )
