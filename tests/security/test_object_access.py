"""Every route that names an object, tried by its owner's peers: 404 and nothing changed.

The URL list comes from the app's URL map, so a new route with an object id cannot be
forgotten: a rule whose argument has no sample object below makes the test fail.
"""

import re

import pytest
import sqlalchemy as sa

from journal.extensions import db
from journal.models import (
    Contact,
    Delivery,
    ImportJob,
    Invite,
    JournalEntry,
    Message,
    Pool,
    PoolMember,
    RecruiterLink,
    Update,
)
from tests.conftest import PASSWORD, add_recruiter, csrf_token, notify, post
from tests.test_imports import upload
from tests.test_journal import add_entry


def snapshot(app):
    """Every row of every table, to prove a request changed nothing."""
    with app.app_context():
        return {
            table.name: sorted(map(tuple, db.session.execute(sa.select(table)).all()), key=repr)
            for table in db.metadata.sorted_tables
        }


# Routes whose argument is a capability meant to be shared, not an object id.
PUBLIC = {
    "invites.accept": "an invite link is handed out by its recruiter on purpose",
    "claims.claim": "a signed claim link is emailed to the one address it can sign up",
    "auth.verify": "a signed verification link is emailed to the one address it proves",
    "auth.reset_password": "a signed reset link is emailed to the one account it serves",
}


def sample_objects(app, accounts, owner):
    """One object of every kind: the candidate's entry, link and update; a recruiter's inbox row,
    contact, invite, message, pool and import."""
    add_entry(owner, kind="review", title="Private review", employer="", details="Secret review text")
    recruiter = accounts.recruiter(email="owner-recruiter@search.example")
    add_recruiter(owner, "owner-recruiter@search.example")
    notify(owner)
    post(recruiter, "/invites", {"label": "mine", "expires": ""})
    with app.app_context():
        first = lambda column: db.session.scalar(sa.select(column).order_by(column))
        contact_id = first(Contact.id)
    post(recruiter, f"/contacts/{contact_id}/message", {"body": "Hello from your recruiter"})
    post(recruiter, f"/contacts/{contact_id}/pools", {"name": "Silver medalists", "reengage_on": "2027-11-01"})
    upload(recruiter, "name,email\nImported Person,imported@example.com\n")
    with app.app_context():
        return {
            "pool_id": first(Pool.id),
            "member_id": first(PoolMember.id),
            "entry_id": first(JournalEntry.id),
            "link_id": first(RecruiterLink.id),
            "update_id": first(Update.id),
            "delivery_id": first(Delivery.id),
            "contact_id": contact_id,
            "invite_id": first(Invite.id),
            "message_id": first(Message.id),
            "job_id": first(ImportJob.id),
        }


# Arguments that name a format, not an object: such routes answer with the caller's own data
# (tests/test_export.py proves the scoping).
NOT_OBJECTS = {"fmt"}


def object_rules(app):
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if rule.arguments - NOT_OBJECTS and rule.endpoint != "static" and rule.endpoint not in PUBLIC
    ]
    assert rules, "the URL map has no object routes"
    return rules


def build(rule, ids):
    missing = set(rule.arguments) - set(ids)
    assert not missing, f"{rule.rule}: add a sample object for {missing} to this test"
    path = rule.rule
    for name in rule.arguments:
        path = re.sub(rf"<(?:[^:<>]+:)?{name}>", str(ids[name]), path)
    return path


@pytest.mark.parametrize("intruder_role", ["candidate", "recruiter"])
def test_other_users_get_404_and_change_nothing(app, accounts, intruder_role):
    owner = accounts.candidate()
    ids = sample_objects(app, accounts, owner)
    intruder = accounts.signup(intruder_role)
    token = csrf_token(intruder)
    before = snapshot(app)
    for rule in object_rules(app):
        path = build(rule, ids)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = intruder.open(
                path,
                method=method,
                data={"csrf_token": token, "title": "Hijacked", "kind": "role", "date": "2025-01-01"},
            )
            assert response.status_code == 404, (method, path, response.status_code)
            assert "Secret review text" not in response.get_data(as_text=True)
    assert snapshot(app) == before


# The state changes a GET makes on purpose: opening an inbox row, or the messages page, marks them read.
GET_SIDE_EFFECTS = {"inbox.show", "messages.index"}


@pytest.mark.parametrize("role", ["candidate", "recruiter"])
def test_get_requests_never_change_state(app, accounts, role):
    owner = accounts.candidate()
    ids = sample_objects(app, accounts, owner)
    ids["token"] = "no-such-token"
    ids["fmt"] = "csv"
    client = owner if role == "candidate" else _login(app, "owner-recruiter@search.example")
    before = snapshot(app)
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and rule.endpoint != "static" and rule.endpoint not in GET_SIDE_EFFECTS:
            response = client.get(build(rule, ids))
            assert response.status_code < 500, rule.rule
    assert snapshot(app) == before


def _login(app, email):
    client = app.test_client()
    response = post(client, "/login", {"email": email, "password": PASSWORD})
    assert response.status_code == 302
    return client
