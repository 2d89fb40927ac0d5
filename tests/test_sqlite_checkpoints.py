"""SQLite's WAL is copied back into the database after responses, not inside a request's commit."""

import sqlite3

import pytest

from journal.extensions import db
from tests.conftest import add_recruiter


@pytest.fixture
def database_uri(tmp_path):
    """SQLite only: PostgreSQL has no WAL checkpoints of ours to move."""
    return f"sqlite:///{tmp_path / 'journal.sqlite'}"


@pytest.fixture
def sqlite_app(app):
    return app


def pragma(app, name: str):
    path = app.config["SQLALCHEMY_DATABASE_URI"].removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return connection.execute(f"PRAGMA {name}").fetchone()


def test_connections_leave_checkpoints_to_the_app_with_a_backstop(sqlite_app):
    with sqlite_app.app_context():
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 10_000
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_a_request_that_wrote_checkpoints_after_its_response(sqlite_app, accounts):
    checkpoints = sqlite_app.extensions["sqlite_checkpoints"]
    checkpoints.every = 0  # every time, for the test
    candidate = accounts.candidate()
    runs = checkpoints.runs
    candidate.get("/recruiters").close()
    assert checkpoints.runs == runs  # a read leaves the log alone
    response = add_recruiter(candidate, "riley@example.com")
    assert checkpoints.runs == runs  # not inside the request...
    response.close()  # ...but once its response has been sent (the server then closes it)
    assert checkpoints.runs == runs + 1
    busy, frames, copied = checkpoints.run()
    assert (busy, copied) == (0, frames)  # everything written so far is in the database file
    # a direct connection then finds nothing left to copy either
    assert pragma(sqlite_app, "wal_checkpoint(PASSIVE)")[0] == 0


def test_checkpoints_run_at_most_once_per_interval(sqlite_app, accounts):
    checkpoints = sqlite_app.extensions["sqlite_checkpoints"]
    checkpoints.every = 3600
    checkpoints.last = float("-inf")  # as if none had run since the process started
    candidate = accounts.candidate()
    runs = checkpoints.runs
    add_recruiter(candidate, "riley@example.com").close()
    assert checkpoints.runs == runs + 1
    add_recruiter(candidate, "sam@example.com").close()
    assert checkpoints.runs == runs + 1
    assert checkpoints.run() is None
