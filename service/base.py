"""What every service shares: one use case runs in one transaction."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from dao.model.base import begin_writing


class Service:
    def __init__(self, session: Session):
        self.session = session

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Commit when the block ends; roll everything back if it raises."""
        try:
            begin_writing(self.session)
            yield
            self.session.commit()
        except BaseException:
            self.session.rollback()
            raise
