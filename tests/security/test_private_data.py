"""Private journal text and hostile profile fields, checked on every page, export and email a recruiter gets."""

import re

import pytest
import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, Delivery, Message, Pool, PoolMember
from tests.conftest import add_recruiter, notify, post
from tests.smtp import SMTPServer
from tests.test_journal import add_entry
from tests.test_outbox import drain
from tests.test_profile import VALID

SECRETS = ("Secret review words", "987654", "Counsel only for me", "Private note body")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def world(app, accounts):
    """A candidate with private entries and hostile profile text, linked to a recruiter who used every tool."""
    recruiter = accounts.recruiter(email="riley@search.example")
    candidate = accounts.candidate(email="casey@example.com")
    post(
        candidate,
        "/profile",
        {**VALID, "name": "Casey " + HOSTILE, "headline": HOSTILE, "industries": "automotive, " + HOSTILE},
    )
    add_entry(candidate, title="Shared role " + HOSTILE, details="[x](javascript:alert(1)) " + HOSTILE, shared=True)
    add_entry(candidate, kind="review", title="Review", employer="", details=SECRETS[0], shared=False)
    add_entry(candidate, kind="raise", title="Raise", employer="", amount=SECRETS[1], currency="USD", shared=False)
    add_entry(candidate, kind="counseling", title="Coach", employer="", details=SECRETS[2], shared=False)
    add_entry(candidate, kind="note", title="Note", employer="", details=SECRETS[3], shared=False)
    add_recruiter(candidate, "riley@search.example")
    with SMTPServer() as smtp:
        app.config.update(smtp.config)
        notify(candidate, note="Hello " + HOSTILE)
        with app.app_context():
            contact_id = db.session.scalar(sa.select(Contact.id))
        post(recruiter, f"/contacts/{contact_id}/pools", {"name": "Silver", "reengage_on": ""})
        post(recruiter, f"/contacts/{contact_id}/message", {"body": "Feedback"})
        drain(app)
        emails = list(smtp.recorder.messages)
    return recruiter, emails


def recruiter_pages(app, client):
    """Every GET page a recruiter can open, built from the URL map with their own objects."""
    with app.app_context():
        first = lambda column: db.session.scalar(sa.select(column).order_by(column))  # noqa: E731
        ids = {
            "contact_id": first(Contact.id),
            "delivery_id": first(Delivery.id),
            "pool_id": first(Pool.id),
            "member_id": first(PoolMember.id),
            "message_id": first(Message.id),
            "fmt": "csv",
        }
    pages = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or set(rule.arguments) - set(ids):
            continue
        path = rule.rule
        for name in rule.arguments:
            path = re.sub(rf"<(?:[^:<>]+:)?{name}>", str(ids[name]), path)
        response = client.get(path)
        if response.status_code == 200:
            pages.append((path, response.get_data(as_text=True)))
    pages.append(("/contacts/export.vcf", client.get("/contacts/export.vcf").get_data(as_text=True)))
    pages.append(("/contacts?q=automotive", client.get("/contacts?q=automotive").get_data(as_text=True)))
    return pages


def test_private_text_never_reaches_the_recruiter(app, world):
    recruiter, emails = world
    pages = recruiter_pages(app, recruiter)
    assert len(pages) >= 10
    for where, text in pages + [(f"email {n}", e.as_string()) for n, e in enumerate(emails)]:
        for secret in SECRETS:
            assert secret not in text, (secret, where)


def test_hostile_fields_are_inert_everywhere_they_are_shown(app, world):
    recruiter, emails = world
    html_pages = [(p, t) for p, t in recruiter_pages(app, recruiter) if "<html" in t]
    assert any("&lt;script&gt;" in t for _, t in html_pages)  # the text is there, escaped
    for where, text in html_pages:
        assert '<script>alert("x")' not in text and "<img src=x" not in text, where
        assert 'href="javascript:' not in text.lower(), where
    html_parts = [
        part.get_content() for email in emails for part in email.walk() if part.get_content_type() == "text/html"
    ]
    assert html_parts
    for html in html_parts:  # plain-text parts and the JSON carry the name as data, which is right
        assert '<script>alert("x")' not in html and "<img src=x" not in html and "&lt;script&gt;" in html
