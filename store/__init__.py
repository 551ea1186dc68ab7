"""What was answered: the SQLite store. Only this package writes SQL."""

from store.connection import open_database, permissions_warning
from store.database import Database
from store.errors import StoreError
from store.identity import current_user
from store.transactions import transaction

__all__ = ["Database", "StoreError", "current_user", "open_database", "permissions_warning",
           "transaction"]
