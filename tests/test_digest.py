"""The weekly follow-up digest, through the outbox."""

from datetime import date, timedelta

import sqlalchemy as sa

from journal.extensions import db
from journal.followups.digest import queue_digests
from journal.models import Contact, OutboxEmail, User, utcnow
from tests.conftest import post
from tests.smtp import SMTPServer
from tests.test_outbox import drain
from tests.test_search import manual


def setup_due(app, accounts, digest_day):
    recruiter = accounts.recruiter(email="riley@search.example")
    post(
        recruiter,
        "/settings",
        {"timezone": "UTC", "digest_day": "" if digest_day is None else str(digest_day), "email_updates": "y"},
    )
    manual(recruiter, name="Dana Due", title="CFO", employer="Acme")
    manual(recruiter, name="Not Due")
    with app.app_context():
        db.session.execute(
            sa.update(Contact).where(Contact.name == "Dana Due").values(next_follow_up=date.today() - timedelta(days=3))
        )
        db.session.commit()
    return recruiter


def queue(app):
    with app.app_context():
        return queue_digests(utcnow())


def test_digest_on_the_chosen_day_lists_who_is_due_once(app, accounts):
    setup_due(app, accounts, utcnow().weekday())
    assert queue(app) == 1
    assert queue(app) == 0  # once a day
    with SMTPServer() as smtp:
        app.config.update(smtp.config)
        assert drain(app) == 1
        message = smtp.recorder.messages[0]
    assert message["Subject"] == "Your follow-ups this week: 1 due"
    text = message.get_body(("plain",)).get_content()
    assert "Dana Due (CFO, Acme): follow-up, 3 days overdue" in text and "Not Due" not in text


def test_no_digest_on_other_days_or_when_off(app, accounts):
    setup_due(app, accounts, (utcnow().weekday() + 1) % 7)
    assert queue(app) == 0
    with app.app_context():
        db.session.execute(sa.update(User).values(digest_day=None))
        db.session.commit()
    assert queue(app) == 0
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(OutboxEmail.id)).where(OutboxEmail.kind == "digest")) == 0


def test_settings_offer_the_digest_day(accounts):
    html = accounts.recruiter().get("/settings").get_data(as_text=True)
    assert "Weekly digest" in html and ">Off</option>" in html and ">Monday</option>" in html
