"""Export the journal as JSON Resume and import it back through the pages."""

import io
import json

import sqlalchemy as sa

from journal.extensions import db
from journal.models import JournalEntry
from tests.conftest import post
from tests.test_journal import add_entry
from tests.test_profile import VALID


def upload(client, content: bytes, name="resume.json"):
    return post(client, "/journal/import", {"file": (io.BytesIO(content), name)}, content_type="multipart/form-data")


def journal_rows(app, email):
    with app.app_context():
        from journal.models import User

        user_id = db.session.scalar(sa.select(User.id).where(User.email == email))
        rows = db.session.execute(
            sa.select(
                JournalEntry.kind,
                JournalEntry.date,
                JournalEntry.title,
                JournalEntry.employer,
                JournalEntry.amount,
                JournalEntry.currency,
                JournalEntry.details,
                JournalEntry.shared,
            )
            .where(JournalEntry.user_id == user_id)
            .order_by(JournalEntry.date, JournalEntry.kind)
        )
        return [tuple(row) for row in rows]


def test_export_then_import_into_a_new_account_round_trips(app, accounts):
    source = accounts.candidate(email="source@example.com")
    post(source, "/profile", VALID)
    add_entry(source, details="Ran *automotive* accounts.", shared=True)
    add_entry(source, kind="raise", title="Raise", employer="", amount="120000", currency="EUR", shared=False)
    add_entry(source, kind="counseling", title="Coach", employer="", details="Private thoughts", shared=False)
    response = source.get("/journal/export.json")
    assert response.headers["Content-Disposition"].startswith("attachment")
    document = response.get_data()
    assert json.loads(document)["basics"]["name"] == "Casey Candidate"

    target = accounts.candidate(email="target@example.com")
    assert upload(target, document).status_code == 302
    assert journal_rows(app, "target@example.com") == journal_rows(app, "source@example.com")
    assert "Account Director at Northline" in target.get("/").get_data(as_text=True)
    # importing the same file again adds nothing
    upload(target, document)
    assert len(journal_rows(app, "target@example.com")) == 3


def test_invalid_file_lists_errors_and_imports_nothing(app, accounts):
    client = accounts.candidate(email="careful@example.com")
    bad = json.dumps(
        {
            "basics": {"name": "Changed"},
            "work": [{"position": "Fine", "startDate": "2020-01-01"}, {"position": "Broken", "startDate": "someday"}],
        }
    )
    response = upload(client, bad.encode())
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Nothing was imported" in html and "work[1].startDate" in html
    assert journal_rows(app, "careful@example.com") == []
    assert "Changed" not in client.get("/").get_data(as_text=True)


def test_import_without_a_file_explains(accounts):
    client = accounts.candidate()
    response = post(client, "/journal/import", {})
    assert response.status_code == 422
    assert "Choose a .json file to import." in response.get_data(as_text=True)


def test_oversized_upload_is_413_with_a_message(app, accounts):
    client = accounts.candidate()
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024  # small, so the test client keeps the body in memory
    response = upload(client, b"{" + b" " * (100 * 1024) + b"}")
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)
