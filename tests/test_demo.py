"""`make demo`: the seed command loads a usable demo and prints the logins."""

import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, Delivery, JournalEntry, User


def test_seed_demo_loads_a_year_of_journal_and_two_recruiters(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "casey.candidate@example.com" in result.output and "demo-journal-2026" in result.output
    again = runner.invoke(args=["seed-demo"])  # running it twice changes nothing
    assert again.exit_code == 0
    with app.app_context():
        dates = db.session.scalars(sa.select(JournalEntry.date)).all()
        assert len(dates) >= 8 and (max(dates) - min(dates)).days >= 300
        assert db.session.scalar(sa.select(sa.func.count(User.id)).where(User.role == "recruiter")) == 2
        assert db.session.scalar(sa.select(sa.func.count(Delivery.id))) == 2
        assert db.session.scalar(sa.select(sa.func.count(Contact.id))) == 2
