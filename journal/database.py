"""Engine tuning: SQLite pragmas and write transactions that take the lock up front."""
from contextlib import contextmanager
from contextvars import ContextVar

import sqlalchemy as sa
from flask import has_request_context, request

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
_writing: ContextVar[bool] = ContextVar("writing", default=False)


def _wants_write_lock() -> bool:
    """Requests that change state and all CLI work begin with the write lock held."""
    if _writing.get():
        return True
    if has_request_context():
        return request.method in WRITE_METHODS
    return True


@contextmanager
def write_transaction():
    """Run a small write inside a GET (marking a row read) in its own locking transaction, then commit."""
    from journal.extensions import db

    db.session.commit()  # end the read transaction: its snapshot could not be upgraded safely
    token = _writing.set(True)
    try:
        yield
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    finally:
        _writing.reset(token)


def configure_sqlite(engine: sa.Engine, busy_timeout: float) -> None:
    """Enable WAL, foreign keys and a busy timeout; make writers BEGIN IMMEDIATE.

    A deferred transaction that reads and then writes cannot wait for the lock:
    SQLite answers "database is locked" at once. Taking the lock at BEGIN lets
    the busy timeout queue writers from several processes instead.
    """

    @sa.event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _wants_write_lock() else "BEGIN")
