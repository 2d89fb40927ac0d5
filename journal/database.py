"""Engine tuning: SQLite pragmas, write transactions that take the lock up front, and WAL
checkpoints after the response instead of inside a request's commit."""

import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar

import sqlalchemy as sa
from flask import Flask, Response, g, has_request_context, request
from sqlalchemy.dialects import postgresql

WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
_writing: ContextVar[bool] = ContextVar("writing", default=False)
_reading: ContextVar[bool] = ContextVar("reading", default=False)


def _wants_write_lock() -> bool:
    """Requests that change state and all CLI work begin with the write lock held."""
    if _writing.get():
        return True
    if _reading.get():
        return False
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


@contextmanager
def read_transaction():
    """Reads in background work without SQLite's write lock: a plain BEGIN, ended on leaving.
    Background work takes the lock up front (it usually writes); reading a large import inside
    such a transaction kept every other writer waiting."""
    from journal.extensions import db

    db.session.commit()
    token = _reading.set(True)
    try:
        yield
    finally:
        db.session.rollback()  # nothing was written: end the snapshot
        _reading.reset(token)


def plain_rows(statement: sa.Executable, params: dict | None = None) -> sa.CursorResult:
    """Run a select of plain columns in the session's transaction, on its connection: the ORM's
    execution path has nothing to add to it. Pending
    changes are flushed first, as the session's own execute does."""
    from journal.extensions import db

    db.session.flush()
    return db.session.connection().execute(statement, params)


def one_of(column: sa.ColumnElement, values) -> sa.ColumnElement[bool]:
    """``column IN values``; on PostgreSQL ``column = ANY(array)``, one parameter for them all.

    An IN list is one parameter per value, which SQLAlchemy expands and psycopg parses again on
    every execution. SQLite has no arrays, and its IN list costs little.
    """
    from journal.extensions import db

    values = list(values)
    if db.session.get_bind().dialect.name == "postgresql":
        return column == sa.any_(sa.literal(values, postgresql.ARRAY(column.type)))
    return column.in_(values)


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
        cursor.execute(f"PRAGMA wal_autocheckpoint = {BACKSTOP_PAGES}")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def on_begin(connection):
        writing = _wants_write_lock()
        if writing and has_request_context():
            g.sqlite_wrote = True
        # on the driver's connection: one word, sent on every request, needs no statement path
        connection.connection.driver_connection.execute("BEGIN IMMEDIATE" if writing else "BEGIN")


# In WAL mode, the commit that fills the log past SQLite's threshold (1,000 pages) copies the
# log back into the database file before it returns, inside that request. So a
# request that wrote checkpoints after its response has been sent, at most once a second per
# process; SQLite's own threshold stays, higher, as the backstop for background writers.
BACKSTOP_PAGES = 10_000
CHECKPOINT_EVERY = 1.0  # seconds


class Checkpoints:
    """Passive WAL checkpoints of one engine, run after responses of requests that wrote."""

    def __init__(self, engine: sa.Engine, every: float = CHECKPOINT_EVERY):
        self.engine, self.every = engine, every
        self.last = float("-inf")  # never: monotonic time starts at boot, which may be minutes ago
        self.runs = 0
        self._lock = threading.Lock()

    def after(self, response: Response) -> Response:
        if g.pop("sqlite_wrote", False):
            response.call_on_close(self.run)
        return response

    def run(self) -> tuple[int, int, int] | None:
        """Checkpoint unless one ran in the last ``every`` seconds: (busy, log frames, frames copied)."""
        with self._lock:
            if time.monotonic() - self.last < self.every:
                return None
            self.last = time.monotonic()
        raw = self.engine.raw_connection()  # autocommit: a checkpoint cannot run inside a transaction
        try:
            result = tuple(raw.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())
        finally:
            raw.close()
        self.runs += 1
        return result


def checkpoint_after_responses(app: Flask, engine: sa.Engine) -> Checkpoints:
    checkpoints = Checkpoints(engine, app.config.get("SQLITE_CHECKPOINT_EVERY", CHECKPOINT_EVERY))
    app.after_request(checkpoints.after)
    app.extensions["sqlite_checkpoints"] = checkpoints
    return checkpoints
