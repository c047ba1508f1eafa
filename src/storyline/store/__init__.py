"""The store: articles, runs and errors in SQLite (default) or PostgreSQL, through SQLAlchemy Core."""

from storyline.store.store import BatchResult, Store, database_url

__all__ = ["BatchResult", "Store", "database_url"]
