"""What every service shares: one use case runs in one transaction."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from dao.model.base import begin_writing

_IN_TRANSACTION = "storefront.in_transaction"


class Service:
    def __init__(self, session: Session):
        self.session = session

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Commit when the block ends; roll everything back if it raises.

        A use case made of other use cases (sign up = register + issue a key) stays one
        transaction: a block opened inside another joins it, and only the outermost commits.
        """
        if self.session.info.get(_IN_TRANSACTION):
            yield
            return
        self.session.info[_IN_TRANSACTION] = True
        try:
            begin_writing(self.session)
            yield
            self.session.commit()
        except BaseException:
            self.session.rollback()
            raise
        finally:
            self.session.info.pop(_IN_TRANSACTION, None)
