"""Several processes writing to one SQLite database at once all succeed."""

import subprocess
import sys
import time

import sqlalchemy as sa

from journal import create_app
from journal.auth.services import create_user
from journal.extensions import db
from journal.models import JournalEntry
from tests.conftest import PASSWORD

PROCESSES, WRITES = 8, 25


def test_eight_processes_write_to_one_sqlite_database(tmp_path):
    path = tmp_path / "shared.sqlite"
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    with app.app_context():
        db.create_all()
        user_id = create_user("Writer", "writer@example.com", PASSWORD, "candidate").id
        db.session.commit()
    start_at = time.time() + 3  # every process imports the app first, then all start together
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tests.security.sqlite_writer", str(path), str(user_id), str(WRITES), str(start_at)],
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    errors = [proc.communicate(timeout=120)[1] for proc in procs]
    assert [proc.returncode for proc in procs] == [0] * PROCESSES, "\n".join(errors)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(JournalEntry.id))) == PROCESSES * WRITES
        db.engine.dispose()
