"""The merge in the database: atomic, bulk, one contact per candidate, one update per key."""

import threading

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from journal.auth.passwords import hash_password
from journal.contacts import merging
from journal.extensions import db
from journal.models import (
    RECRUITER,
    Contact,
    ContactChange,
    ContactEntry,
    Delivery,
    RecruiterLink,
    Update,
    User,
)
from journal.recruiters.services import notify_recruiters
from tests.conftest import PASSWORD, add_recruiter, csrf_token, notify, post
from tests.test_journal import add_entry
from tests.test_profile import VALID


def candidate_with_recruiters(app, accounts, n: int):
    """A candidate linked to n recruiter accounts (inserted directly: hashing n passwords is slow)."""
    client = accounts.candidate(email="casey@example.com")
    post(client, "/profile", VALID)
    add_entry(client, title="Automotive lead", shared=True)
    with app.app_context():
        candidate = db.session.scalar(sa.select(User).where(User.email == "casey@example.com"))
        digest = hash_password(PASSWORD)
        users = [
            {"email": f"r{i}@search.example", "name": f"R{i}", "password_hash": digest, "role": RECRUITER}
            for i in range(n)
        ]
        db.session.execute(sa.insert(User), users)
        ids = db.session.scalars(sa.select(User.id).where(User.role == RECRUITER).order_by(User.id)).all()
        db.session.execute(
            sa.insert(RecruiterLink),
            [
                {
                    "candidate_id": candidate.id,
                    "recruiter_id": rid,
                    "name": f"R{i}",
                    "email": f"r{i}@search.example",
                    "firm": "",
                }
                for i, rid in enumerate(ids)
            ],
        )
        db.session.commit()
    return client


def statements_during(app, action):
    """Run action in an app context; return how many SQL statements it sent."""
    seen = []
    with app.app_context():
        listener = lambda *args: seen.append(args[2])
        sa.event.listen(db.engine, "before_cursor_execute", listener)
        try:
            action()
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", listener)
    return len(seen)


def notify_as(email, key):
    user = db.session.scalar(sa.select(User).where(User.email == email))
    notify_recruiters(user, key, "")
    db.session.commit()


@pytest.mark.parametrize("n", [3, 60])
def test_fan_out_uses_a_fixed_number_of_statements(app, accounts, n):
    candidate_with_recruiters(app, accounts, n)
    first = statements_during(app, lambda: notify_as("casey@example.com", "k1"))
    second = statements_during(app, lambda: notify_as("casey@example.com", "k2"))
    assert first <= 30 and second <= 30, (first, second)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Contact.id))) == n
        assert db.session.scalar(sa.select(sa.func.count(Delivery.id))) == 2 * n


def test_statement_count_does_not_grow_with_recipients(app, accounts):
    candidate_with_recruiters(app, accounts, 5)
    few = statements_during(app, lambda: notify_as("casey@example.com", "a"))
    with app.app_context():
        candidate = db.session.scalar(sa.select(User).where(User.email == "casey@example.com"))
        digest = hash_password(PASSWORD)
        for i in range(5, 80):
            user = User(email=f"r{i}@search.example", name=f"R{i}", password_hash=digest, role=RECRUITER)
            db.session.add(user)
            db.session.flush()
            db.session.add(
                RecruiterLink(candidate_id=candidate.id, recruiter_id=user.id, name=user.name, email=user.email)
            )
        db.session.commit()
    many = statements_during(app, lambda: notify_as("casey@example.com", "b"))
    assert many <= few + 2, (few, many)  # the first click made contacts; later ones update them


def contacts_by_recruiter() -> dict[str, Contact]:
    return dict(db.session.execute(sa.select(User.email, Contact).join(User, User.id == Contact.recruiter_id)).all())


def test_each_recipient_gets_the_merge_of_its_own_contact(app, accounts):
    """One notify to contacts in different states: alike ones (r0, r4) share a merge, but every
    contact gets the outcome, history and entries of its own state."""
    candidate = candidate_with_recruiters(app, accounts, 5)
    notify(candidate)
    with app.app_context():
        contact = contacts_by_recruiter()
        contact["r1@search.example"].title = "Edited by hand"  # a manual edit (rule 6)
        contact["r1@search.example"].manual_fields = ["title"]
        contact["r3@search.example"].last_sequence = 99  # already holds a later update (rule 4)
        db.session.delete(contact["r2@search.example"])  # deleted: the next update makes it again
        db.session.commit()
    post(candidate, "/profile", {**VALID, "title": "Vice President, Sales"})
    add_entry(candidate, title="Board seat", shared=True)
    notify(candidate)
    with app.app_context():
        second = db.session.scalar(sa.select(Update).where(Update.sequence == 2))
        outcome = {
            d.recipient_email: d for d in db.session.scalars(sa.select(Delivery).where(Delivery.update_id == second.id))
        }
        contact = contacts_by_recruiter()
        changes = {
            email: db.session.execute(
                sa.select(ContactChange.field, ContactChange.old, ContactChange.new).where(
                    ContactChange.contact_id == c.id, ContactChange.update_public_id == second.public_id
                )
            ).all()
            for email, c in contact.items()
        }
        entries = {
            email: sorted(
                db.session.scalars(
                    sa.select(ContactEntry.title).where(
                        ContactEntry.contact_id == c.id, ContactEntry.retracted.is_(False)
                    )
                )
            )
            for email, c in contact.items()
        }
        for email in ("r0@search.example", "r4@search.example"):
            assert contact[email].title == "Vice President, Sales" and contact[email].last_sequence == 2
            assert changes[email] == [("title", "Account Director", "Vice President, Sales")]
            assert outcome[email].overwrote == [] and not outcome[email].superseded
            assert entries[email] == ["Automotive lead", "Board seat"]
        assert contact["r1@search.example"].title == "Vice President, Sales"
        assert changes["r1@search.example"] == [("title", "Edited by hand", "Vice President, Sales")]
        assert outcome["r1@search.example"].overwrote == ["title"] and contact["r1@search.example"].manual_fields == []
        assert contact["r2@search.example"].title == "Vice President, Sales"  # made anew from this update
        assert outcome["r2@search.example"].contact_id == contact["r2@search.example"].id
        assert entries["r2@search.example"] == ["Board seat"]  # the entries this update carries
        assert outcome["r3@search.example"].superseded and contact["r3@search.example"].title == "Account Director"
        assert changes["r3@search.example"] == [] and contact["r3@search.example"].last_sequence == 99
        assert len({outcome[e].contact_id for e in outcome}) == 5


def test_a_crash_mid_merge_leaves_nothing_behind(app, accounts, monkeypatch):
    candidate = candidate_with_recruiters(app, accounts, 3)
    notify(candidate)

    def crash(*args, **kwargs):
        raise RuntimeError("disk on fire")

    post(candidate, "/profile", {**VALID, "title": "Vice President, Sales"})
    with app.app_context():
        before = (
            db.session.scalar(sa.select(sa.func.count(ContactChange.id))),
            sorted(db.session.scalars(sa.select(Contact.title))),
        )
    monkeypatch.setattr(merging, "_write_entries", crash)  # after contacts and history were written
    response = post(candidate, "/recruiters/notify", {"idempotency_key": "crash-1"})
    assert response.status_code == 500 and "Something went wrong" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Update.id))) == 1
        after = (
            db.session.scalar(sa.select(sa.func.count(ContactChange.id))),
            sorted(db.session.scalars(sa.select(Contact.title))),
        )
        assert after == before and before[1] == ["Account Director"] * 3


def test_database_refuses_two_contacts_for_one_candidate(app, accounts):
    accounts.recruiter(email="r@search.example")
    with app.app_context():
        rid = db.session.scalar(sa.select(User.id).where(User.email == "r@search.example"))
        db.session.add_all(
            [
                Contact(recruiter_id=rid, name="A", candidate_ref="c_" + "1" * 32),
                Contact(recruiter_id=rid, name="B", candidate_ref="c_" + "1" * 32),
            ]
        )
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()


def test_concurrent_requests_with_one_key_make_one_update(app, accounts):
    client = accounts.candidate()
    add_recruiter(client, "one@search.example")
    token = csrf_token(client)
    barrier = threading.Barrier(4)
    codes = []

    def click():
        barrier.wait()
        response = client.post("/recruiters/notify", data={"csrf_token": token, "idempotency_key": "same"})
        codes.append(response.status_code)

    threads = [threading.Thread(target=click) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert codes == [302] * 4
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Update.id))) == 1
        assert db.session.scalar(sa.select(sa.func.count(Delivery.id))) == 1
