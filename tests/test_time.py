"""One rule for time: moments are stored and read as aware UTC on both databases, whatever the
PostgreSQL server's time zone, and pages show them in the viewer's own zone."""

import re
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import StatementError

from journal.extensions import db
from journal.models import Update, User
from tests.conftest import SERVER_TIME_ZONE, add_recruiter, notify, post
from tests.test_journal import add_entry

MOMENT = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


def test_moments_come_back_as_aware_utc_whatever_the_servers_zone(app):
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            assert db.session.scalar(sa.text("SHOW TimeZone")) == SERVER_TIME_ZONE
        db.session.add(
            User(
                email="a@example.com",
                name="A",
                password_hash="x",
                role="candidate",
                created_at=MOMENT.astimezone(timezone(timedelta(hours=5))),
            )
        )
        db.session.commit()
    with app.app_context():
        stored = db.session.scalar(sa.select(User.created_at))
        assert stored == MOMENT and stored.utcoffset() == timedelta(0)
        assert db.session.scalar(sa.select(sa.func.count()).where(User.created_at >= MOMENT)) == 1
        assert db.session.scalar(sa.select(sa.func.count()).where(User.created_at > MOMENT)) == 0


def test_a_naive_moment_is_refused(app):
    with app.app_context():
        db.session.add(
            User(
                email="a@example.com",
                name="A",
                password_hash="x",
                role="candidate",
                created_at=datetime(2026, 1, 2, 3, 4),
            )
        )
        with pytest.raises(StatementError, match="naive datetime"):
            db.session.commit()


def _sent_update(accounts):
    candidate = accounts.candidate()
    add_recruiter(candidate, "riley@example.com")
    notify(candidate)
    with candidate.application.app_context():
        db.session.execute(sa.update(Update).values(issued_at=MOMENT))
        db.session.commit()
    return candidate


@pytest.mark.parametrize(
    "zone, shown",
    [
        ("UTC", "2 Jan 2026, 03:04 UTC"),
        ("America/New_York", "1 Jan 2026, 22:04 EST"),
        ("Asia/Kolkata", "2 Jan 2026, 08:34 IST"),
    ],
)
def test_pages_show_moments_in_the_viewers_zone(accounts, zone, shown):
    candidate = _sent_update(accounts)
    assert post(candidate, "/settings", {"timezone": zone}).status_code == 302
    page = candidate.get("/updates").get_data(as_text=True)
    assert shown in page


def test_candidates_have_settings_with_a_time_zone_and_no_recruiter_options(accounts):
    page = accounts.candidate().get("/settings").get_data(as_text=True)
    assert "Time zone" in page and "Weekly digest" not in page and "Email me a copy" not in page


def test_an_unknown_zone_is_a_form_error(accounts):
    response = post(accounts.candidate(), "/settings", {"timezone": "Mars/Olympus"})
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)


def test_days_have_one_format_in_the_journal_and_the_inbox(accounts):
    recruiter = accounts.recruiter(email="riley@example.com")
    candidate = accounts.candidate()
    add_recruiter(candidate, "riley@example.com")
    add_entry(candidate, date="2025-03-01", title="Head of Sales", shared=True)
    notify(candidate)
    assert "1 Mar 2025" in candidate.get("/journal").get_data(as_text=True)
    inbox = recruiter.get("/inbox").get_data(as_text=True)
    delivery = re.search(r'href="/inbox/(\d+)"', inbox).group(1)
    assert "1 Mar 2025" in recruiter.get(f"/inbox/{delivery}").get_data(as_text=True)
