"""Stale records and the confirm loop, end to end."""

import re
from datetime import timedelta

import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, Message, Update, utcnow
from tests.conftest import PASSWORD, add_recruiter, notify, post
from tests.smtp import SMTPServer
from tests.test_outbox import drain
from tests.test_profile import VALID
from tests.test_search import manual


def age(app, name, months):
    with app.app_context():
        contact = db.session.scalar(sa.select(Contact).where(Contact.name == name))
        old = utcnow() - timedelta(days=31 * months)
        contact.created_at = old
        contact.updated_at = old
        contact.confirmed_at = old if contact.confirmed_at else None
        db.session.commit()
        return contact.id


def stale_names(client, months=12):
    html = client.get(f"/follow-ups/stale?months={months}").get_data(as_text=True)
    return re.findall(r'<label for="stale-\d+">([^<]+)</label>', html)


def test_stale_view_lists_contacts_not_updated_or_confirmed(app, accounts):
    recruiter = accounts.recruiter()
    for name in ("Fresh", "Year Old", "Seven Months"):
        manual(recruiter, name=name)
    age(app, "Year Old", 13)
    age(app, "Seven Months", 7)
    assert stale_names(recruiter) == ["Year Old"]
    assert stale_names(recruiter, 6) == ["Year Old", "Seven Months"]
    assert stale_names(recruiter, 999) == ["Year Old"]  # unknown period: the default 12 months


def test_confirm_loop_for_a_linked_candidate(app, accounts):
    recruiter = accounts.recruiter(email="riley@search.example")
    candidate = accounts.candidate(email="casey@example.com")
    post(candidate, "/profile", VALID)
    add_recruiter(candidate, "riley@search.example")
    notify(candidate)
    contact_id = age(app, "Casey Candidate", 14)
    assert stale_names(recruiter) == ["Casey Candidate"]
    response = post(recruiter, "/follow-ups/stale?months=12", {"contact_ids": [contact_id]})
    assert response.status_code == 302
    page = candidate.get("/messages").get_data(as_text=True)
    assert "Are your details still current?" in page and ">My details are current</button>" in page
    with app.app_context():
        request_id = db.session.scalar(sa.select(Message.id).where(Message.kind == "confirm"))
    post(candidate, f"/messages/{request_id}/confirm")
    post(candidate, f"/messages/{request_id}/confirm")  # twice: one update
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Update.id))) == 2
        contact = db.session.get(Contact, contact_id)
        assert contact.confirmed_at is not None
    assert stale_names(recruiter) == []
    assert "No changes: details confirmed as current" in recruiter.get("/inbox").get_data(as_text=True)
    assert "You confirmed your details" in candidate.get("/messages").get_data(as_text=True)


def test_contacts_without_an_account_are_invited_linked_to_the_recruiter(app, accounts):
    recruiter = accounts.recruiter(email="riley@search.example", name="Riley Recruiter")
    manual(recruiter, name="Old Friend", email="friend@example.com")
    contact_id = age(app, "Old Friend", 20)
    with SMTPServer() as smtp:
        app.config.update(smtp.config)
        post(recruiter, "/follow-ups/stale", {"contact_ids": [contact_id]})
        drain(app)
        text = smtp.recorder.messages[0].get_body(("plain",)).get_content()
    assert "link Riley Recruiter as your recruiter" in text
    link = re.search(r"http://[^/]+(/i/\S+)", text).group(1)
    visitor = app.test_client()
    visitor.get(link)
    post(
        visitor,
        "/signup",
        {"name": "Old Friend", "email": "friend@example.com", "password": PASSWORD, "role": "candidate"},
    )
    assert "Link Riley Recruiter as your recruiter?" in visitor.get(link).get_data(as_text=True)
    post(visitor, link)
    assert "riley@search.example" in visitor.get("/recruiters").get_data(as_text=True)


def test_asking_needs_a_choice_of_own_stale_contacts(app, accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Mine")
    age(app, "Mine", 13)
    assert post(recruiter, "/follow-ups/stale", {}).status_code == 422
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Message.id))) == 0
