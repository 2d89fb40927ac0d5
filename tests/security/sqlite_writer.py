"""A separate process that writes to a shared SQLite database like a web worker does.

Usage: python -m tests.security.sqlite_writer DATABASE_FILE USER_ID WRITES START_AT
Each write reads first, then inserts, inside a POST request context: the pattern that
fails with "database is locked" when transactions do not take the write lock at BEGIN.
"""

import sys
import time
from datetime import date

import sqlalchemy as sa

from journal import create_app
from journal.extensions import db
from journal.models import JournalEntry


def main(path: str, user_id: int, writes: int, start_at: float) -> None:
    app = create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}", "SQLITE_BUSY_TIMEOUT": 60})
    time.sleep(max(0.0, start_at - time.time()))
    for n in range(writes):
        with app.test_request_context("/journal/new", method="POST"):
            count = db.session.scalar(sa.select(sa.func.count(JournalEntry.id)))
            db.session.add(
                JournalEntry(
                    user_id=user_id, kind="note", date=date(2026, 1, 1), title=f"write {n} after {count}", shared=False
                )
            )
            db.session.commit()
            db.session.remove()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]))
