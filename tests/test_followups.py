"""The follow-up queue, logging touches, batch check-ins, and messages back to candidates."""

import re
from datetime import date, timedelta

import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, Message, OutboxEmail, Touch, utcnow
from tests.conftest import add_recruiter, notify, post
from tests.test_profile import VALID
from tests.test_search import manual


def due_names(client) -> list[str]:
    html = client.get("/follow-ups").get_data(as_text=True)
    return re.findall(r'<label for="due-\d+">([^<]+)</label>', html)


def set_due(app, name: str, days_ago: int):
    with app.app_context():
        contact = db.session.scalar(sa.select(Contact).where(Contact.name == name))
        contact.next_follow_up = date.today() - timedelta(days=days_ago)
        db.session.commit()
        return contact.id


def test_new_contacts_fall_due_after_their_cadence(app, accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Weekly Person", cadence_days="7")
    manual(recruiter, name="Placed Person", stage="placed", cadence_days="7")
    manual(recruiter, name="No Cadence", cadence_days="")
    with app.app_context():
        dates = dict(db.session.execute(sa.select(Contact.name, Contact.next_follow_up)).all())
    assert dates["Weekly Person"] == utcnow().date() + timedelta(days=7)
    assert dates["Placed Person"] is None and dates["No Cadence"] is None
    assert due_names(recruiter) == []


def test_queue_lists_due_and_overdue_oldest_first(app, accounts):
    recruiter = accounts.recruiter()
    for name in ("Due Today", "Long Overdue", "Not Yet", "Placed Overdue"):
        manual(recruiter, name=name, stage="placed" if name.startswith("Placed") else "new")
    set_due(app, "Due Today", 0)
    set_due(app, "Long Overdue", 9)
    set_due(app, "Placed Overdue", 30)
    assert due_names(recruiter) == ["Long Overdue", "Due Today"]
    html = recruiter.get("/follow-ups").get_data(as_text=True)
    assert "9 days overdue" in html and "due today" in html


def test_logging_a_touch_resets_the_clock(app, accounts):
    recruiter = accounts.recruiter()
    location = manual(recruiter, name="Call Me", cadence_days="14")
    contact_id = set_due(app, "Call Me", 3)
    assert due_names(recruiter) == ["Call Me"]
    response = post(recruiter, f"{location}/touch", {"kind": "call", "note": "Talked about the Acme role"})
    assert response.status_code == 302
    assert due_names(recruiter) == []
    with app.app_context():
        contact = db.session.get(Contact, contact_id)
        assert contact.next_follow_up == utcnow().date() + timedelta(days=14)
        assert db.session.scalar(sa.select(Touch.note)) == "Talked about the Acme role"
    page = recruiter.get(location).get_data(as_text=True)
    assert "Talked about the Acme role" in page and ">Log a touch</button>" in page


def test_touch_with_a_bad_kind_is_refused(accounts):
    recruiter = accounts.recruiter()
    location = manual(recruiter, name="X")
    response = post(recruiter, f"{location}/touch", {"kind": "telepathy", "note": "kept note"})
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)


def test_changing_stage_moves_the_follow_up(app, accounts):
    recruiter = accounts.recruiter()
    location = manual(recruiter, name="Stage Mover")
    post(recruiter, location, {"kind": "candidate", "stage": "placed", "cadence_days": "7", "notes": "", "tags": ""})
    with app.app_context():
        assert db.session.scalar(sa.select(Contact.next_follow_up)) is None


def test_recruiter_time_zone_decides_the_day(app, accounts):
    recruiter = accounts.recruiter()
    assert post(recruiter, "/settings", {"timezone": "Pacific/Kiritimati", "email_updates": "y"}).status_code == 302
    manual(recruiter, name="Far East", cadence_days="1")
    with app.app_context():
        due = db.session.scalar(sa.select(Contact.next_follow_up))
    from datetime import datetime
    from zoneinfo import ZoneInfo

    assert due == datetime.now(ZoneInfo("Pacific/Kiritimati")).date() + timedelta(days=1)


def test_batch_check_in_messages_everyone_chosen_and_logs_touches(app, accounts):
    recruiter = accounts.recruiter(email="riley@search.example")
    candidate = accounts.candidate(email="casey@example.com")
    post(candidate, "/profile", VALID)
    add_recruiter(candidate, "riley@search.example")
    notify(candidate)
    manual(recruiter, name="Email Only", email="only@example.com")
    manual(recruiter, name="Left Alone")
    for name in ("Casey Candidate", "Email Only", "Left Alone"):
        set_due(app, name, 2)
    html = recruiter.get("/follow-ups").get_data(as_text=True)
    assert "No news yet — you have not been forgotten" in html
    with app.app_context():
        ids = dict(db.session.execute(sa.select(Contact.name, Contact.id)).all())
    response = post(
        recruiter,
        "/follow-ups",
        {"contact_ids": [ids["Casey Candidate"], ids["Email Only"]], "body": "Still working on it!"},
    )
    assert response.status_code == 302
    assert due_names(recruiter) == ["Left Alone"]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Touch.id))) == 2
        assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 2
        assert sorted(db.session.scalars(sa.select(OutboxEmail.to_address).where(OutboxEmail.kind == "message"))) == [
            "casey.work@example.com",
            "only@example.com",
        ]
    page = candidate.get("/messages").get_data(as_text=True)
    assert "Still working on it!" in page and ">Unread<" in page
    assert ">Unread<" not in candidate.get("/messages").get_data(as_text=True)


def test_check_in_needs_a_choice_and_ignores_other_recruiters_contacts(app, accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Mine")
    set_due(app, "Mine", 1)
    response = post(recruiter, "/follow-ups", {"body": "Hi"})
    assert response.status_code == 422 and "Tick at least one contact." in response.get_data(as_text=True)
    other = accounts.recruiter()
    manual(other, name="Theirs")
    with app.app_context():
        theirs = db.session.scalar(sa.select(Contact.id).where(Contact.name == "Theirs"))
    response = post(recruiter, "/follow-ups", {"contact_ids": [theirs], "body": "Hi"})
    assert response.status_code == 422
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 0


def test_candidate_replies_and_the_recruiter_sees_it_on_the_contact(app, accounts):
    recruiter = accounts.recruiter(email="riley@search.example")
    candidate = accounts.candidate(email="casey@example.com")
    post(candidate, "/profile", VALID)
    add_recruiter(candidate, "riley@search.example")
    notify(candidate)
    with app.app_context():
        contact_id = db.session.scalar(sa.select(Contact.id))
    response = post(recruiter, f"/contacts/{contact_id}/message", {"body": "Great interview feedback from Acme"})
    assert response.status_code == 302
    with app.app_context():
        message_id = db.session.scalar(sa.select(Message.id))
    assert "Great interview feedback from Acme" in candidate.get("/messages").get_data(as_text=True)
    post(candidate, f"/messages/{message_id}/reply", {"body": "Thank you, when is round two?"})
    page = recruiter.get(f"/contacts/{contact_id}").get_data(as_text=True)
    assert "Reply from Casey Candidate" in page and "when is round two?" in page
    assert post(recruiter, f"/contacts/{contact_id}/message", {"body": ""}).status_code == 422
