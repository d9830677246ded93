"""SQLAlchemy models; importing this package registers every table on `db.metadata`.

Every module of the package is imported, so a family's models are found by being here: adding
or removing a family's `dao/model/<family>.py` touches no list.
"""

import importlib
import pkgutil

from dao.model.base import db

for _module in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["db"]
