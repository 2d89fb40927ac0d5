"""The candidate's Recruiters page, the preview, one-click notify and the Updates page."""

import re

import pytest
import sqlalchemy as sa

from journal.extensions import db
from journal.models import Delivery, RecruiterLink, Update
from tests.conftest import add_recruiter, notify, post
from tests.test_journal import add_entry
from tests.test_profile import VALID


def count(app, model):
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_page_has_the_named_fields_and_button(accounts):
    html = accounts.candidate().get("/recruiters").get_data(as_text=True)
    for label in ("Recruiter&#39;s name", "Recruiter&#39;s email", "Firm"):
        assert re.search(rf"<label[^>]*>{label}</label>", html), label
    assert ">Add recruiter</button>" in html
    assert "What your recruiters will see" in html


def test_add_recruiter_without_account_waits(accounts):
    client = accounts.candidate()
    add_recruiter(client, "riley@search.example")
    html = client.get("/recruiters").get_data(as_text=True)
    assert "riley@search.example" in html and "No Career Journal account yet" in html
    assert "Notify my recruiters" in html


def test_add_recruiter_with_account_links_it(app, accounts):
    accounts.recruiter(email="riley@search.example")
    client = accounts.candidate()
    add_recruiter(client, "Riley@Search.example")
    with app.app_context():
        link = db.session.scalar(sa.select(RecruiterLink))
        assert link.recruiter_id is not None and link.email == "riley@search.example"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "email": "r@example.com"}, "Enter the recruiter&#39;s name."),
        ({"name": "R", "email": "nope"}, "Enter a valid email address."),
        ({"name": "R", "email": "dup@example.com"}, "already on your list"),
        ({"name": "R", "email": "DUP@example.com"}, "already on your list"),
        ({"name": "R", "email": "me@example.com"}, "That is your own email"),
    ],
)
def test_add_recruiter_refusals(accounts, data, message):
    client = accounts.candidate(email="me@example.com")
    add_recruiter(client, "dup@example.com")
    response = post(client, "/recruiters", {"firm": "Kept firm", **data})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html and 'value="Kept firm"' in html


def test_notify_sends_one_update_to_every_recruiter(app, accounts):
    accounts.recruiter(email="one@search.example")
    client = accounts.candidate()
    add_recruiter(client, "one@search.example", "One")
    add_recruiter(client, "two@search.example", "Two")
    response = notify(client, note="Open to VP roles")
    assert "/updates/" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Update sent to 2 recruiters." in page
    assert "Delivered to their inbox" in page and "Waiting: no account yet" in page
    with app.app_context():
        update = db.session.scalar(sa.select(Update))
        assert update.sequence == 1 and update.document["note"] == "Open to VP roles"
        assert len(update.deliveries) == 2


def test_double_submit_with_one_key_makes_one_update(app, accounts):
    client = accounts.candidate()
    add_recruiter(client, "one@search.example")
    notify(client, key="same-key-123")
    notify(client, key="same-key-123")
    assert count(app, Update) == 1 and count(app, Delivery) == 1
    notify(client)  # a fresh page: a new click
    assert count(app, Update) == 2


def test_notify_with_no_recruiters_explains(accounts):
    client = accounts.candidate()
    response = post(client, "/recruiters/notify", {"idempotency_key": "k1"})
    assert response.status_code == 302
    assert "Add a recruiter first" in client.get("/recruiters").get_data(as_text=True)


def test_preview_shows_changes_and_never_private_entries(accounts):
    client = accounts.candidate()
    post(client, "/profile", VALID)
    add_recruiter(client, "one@search.example")
    notify(client)
    post(client, "/profile", {**VALID, "title": "Vice President, Sales"})
    add_entry(client, kind="role", title="Vice President, Sales", details="Runs **automotive**", shared=True)
    add_entry(client, kind="review", title="Secret review", employer="", details="Private words", shared=False)
    add_entry(client, kind="raise", title="Raise", employer="", amount="190000", currency="USD", shared=False)
    html = client.get("/recruiters").get_data(as_text=True)
    preview = html[html.index("What your recruiters will see") :]
    assert "Account Director</del> → <ins>Vice President, Sales" in preview
    assert "<strong>automotive</strong>" in preview
    # the amount as written and as shown; "190" alone turns up in random tokens now and then
    assert "Secret review" not in preview and "Private words" not in preview
    assert "190000" not in preview and "190,000" not in preview


def test_nothing_changed_still_sends_and_says_confirmed(app, accounts):
    client = accounts.candidate()
    add_recruiter(client, "one@search.example")
    notify(client)
    assert "Nothing has changed since your last update" in client.get("/recruiters").get_data(as_text=True)
    notify(client)
    with app.app_context():
        latest = db.session.scalar(sa.select(Update).order_by(Update.sequence.desc()))
        assert latest.sequence == 2 and latest.summary == ["No changes: details confirmed as current"]


def test_updates_page_lists_newest_first_with_document(accounts):
    client = accounts.candidate()
    add_recruiter(client, "one@search.example")
    first = notify(client, note="first").headers["Location"]
    notify(client, note="second")
    html = client.get("/updates").get_data(as_text=True)
    assert html.index("Update 2") < html.index("Update 1")
    detail = client.get(first).get_data(as_text=True)
    assert "career-journal.update" in detail and "first" in detail


def test_remove_recruiter_asks_then_unlinks(app, accounts):
    client = accounts.candidate()
    add_recruiter(client, "one@search.example", "One")
    with app.app_context():
        link_id = db.session.scalar(sa.select(RecruiterLink.id))
    assert "Remove One?" in client.get(f"/recruiters/{link_id}/remove").get_data(as_text=True)
    assert count(app, RecruiterLink) == 1
    assert post(client, f"/recruiters/{link_id}/remove").status_code == 302
    assert count(app, RecruiterLink) == 0


def test_notify_button_is_on_the_journal_page(accounts):
    client = accounts.candidate()
    assert "Add your recruiters" in client.get("/journal").get_data(as_text=True)
    add_recruiter(client, "one@search.example")
    assert ">Notify my recruiters</button>" in client.get("/journal").get_data(as_text=True)
