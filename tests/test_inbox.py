"""The recruiter's Inbox and the merge into contact records, through the pages."""

import re

import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, ContactChange, Delivery
from tests.conftest import add_recruiter, notify, post
from tests.test_journal import add_entry
from tests.test_profile import VALID


def linked_pair(accounts, email="riley@search.example"):
    recruiter = accounts.recruiter(email=email)
    candidate = accounts.candidate(email="casey@example.com")
    post(candidate, "/profile", VALID)
    add_recruiter(candidate, email)
    return candidate, recruiter


def first_row_link(html):
    return re.search(r'href="(/inbox/\d+)"', html).group(1)


def test_update_arrives_unread_and_opening_marks_it_read(accounts):
    candidate, recruiter = linked_pair(accounts)
    notify(candidate)
    post(candidate, "/profile", {**VALID, "title": "Vice President, Sales"})
    notify(candidate)
    inbox = recruiter.get("/inbox").get_data(as_text=True)
    assert inbox.count(">Unread<") == 2 and "Casey Candidate" in inbox
    assert "Title: Account Director → Vice President, Sales" in inbox
    assert 'aria-label="2 unread"' in inbox
    row = first_row_link(inbox)
    assert "Vice President, Sales" in recruiter.get(row).get_data(as_text=True)
    assert recruiter.get("/inbox").get_data(as_text=True).count(">Unread<") == 1
    post(recruiter, "/inbox/read")
    assert ">Unread<" not in recruiter.get("/inbox").get_data(as_text=True)


def test_recruiter_finds_new_title_with_old_in_history(accounts):
    candidate, recruiter = linked_pair(accounts)
    notify(candidate)
    post(candidate, "/profile", {**VALID, "title": "Vice President, Sales"})
    notify(candidate)
    contacts = recruiter.get("/contacts").get_data(as_text=True)
    assert len(re.findall(r'href="/contacts/\d+"', contacts)) == 1  # never two contacts for one candidate
    contact_url = re.search(r'href="(/contacts/\d+)"', contacts).group(1)
    page = recruiter.get(contact_url).get_data(as_text=True)
    assert "Vice President, Sales" in page
    assert "<del>Account Director</del> → <ins>Vice President, Sales</ins>" in page
    assert "from the candidate's update" in page


def test_nothing_private_reaches_the_recruiter(accounts):
    candidate, recruiter = linked_pair(accounts)
    add_entry(candidate, kind="role", title="Automotive lead", details="Ran **automotive** accounts", shared=True)
    add_entry(candidate, kind="review", title="Secret review", employer="", details="Private words", shared=False)
    add_entry(candidate, kind="raise", title="Raise", employer="", amount="190000", currency="USD", shared=False)
    add_entry(candidate, kind="counseling", title="Coach", employer="", details="Counsel text", shared=False)
    notify(candidate)
    pages = [recruiter.get("/inbox"), recruiter.get("/contacts")]
    pages.append(recruiter.get(first_row_link(pages[0].get_data(as_text=True))))
    pages.append(recruiter.get(re.search(r'href="(/contacts/\d+)"', pages[1].get_data(as_text=True)).group(1)))
    text = "".join(p.get_data(as_text=True) for p in pages)
    assert "Automotive lead" in text
    for secret in ("Secret review", "Private words", "190000", "190,000", "Counsel text", "Coach"):
        assert secret not in text, secret


def test_recruiter_owned_fields_survive_an_update(app, accounts):
    candidate, recruiter = linked_pair(accounts)
    notify(candidate)
    with app.app_context():
        contact_id = db.session.scalar(sa.select(Contact.id))
    post(
        recruiter,
        f"/contacts/{contact_id}",
        {
            "kind": "candidate",
            "notes": "Great fit for Acme",
            "tags": "silver medalist",
            "stage": "interviewing",
            "cadence_days": "14",
        },
    )
    post(candidate, "/profile", {**VALID, "title": "Vice President, Sales"})
    notify(candidate)
    with app.app_context():
        contact = db.session.get(Contact, contact_id)
        assert (contact.notes, contact.tags, contact.stage, contact.cadence_days) == (
            "Great fit for Acme",
            ["silver medalist"],
            "interviewing",
            14,
        )
        assert contact.title == "Vice President, Sales"


def test_manual_edit_kept_in_history_and_overwritten_by_next_update(app, accounts):
    candidate, recruiter = linked_pair(accounts)
    notify(candidate)
    with app.app_context():
        contact_id = db.session.scalar(sa.select(Contact.id))
    form = recruiter.get(f"/contacts/{contact_id}/edit").get_data(as_text=True)
    assert 'value="+1 (313) 555-0142"' in form
    fields = {**VALID, "phone": "+1 555 0000"}
    assert post(recruiter, f"/contacts/{contact_id}/edit", fields).status_code == 302
    page = recruiter.get(f"/contacts/{contact_id}").get_data(as_text=True)
    assert "+1 555 0000" in page and "your edit" in page
    notify(candidate)
    inbox = recruiter.get("/inbox").get_data(as_text=True)
    assert "Replaced your own edit of Phone." in inbox
    with app.app_context():
        contact = db.session.get(Contact, contact_id)
        assert contact.phone == "+1 (313) 555-0142"
        history = db.session.execute(
            sa.select(ContactChange.field, ContactChange.old, ContactChange.new, ContactChange.source)
            .where(ContactChange.field == "phone")
            .order_by(ContactChange.id)
        ).all()
        assert [tuple(h) for h in history][-2:] == [
            ("phone", "+1 (313) 555-0142", "+1 555 0000", "manual"),
            ("phone", "+1 555 0000", "+1 (313) 555-0142", "update"),
        ]


def test_manual_contact_with_that_email_is_reused_not_duplicated(app, accounts):
    recruiter = accounts.recruiter(email="riley@search.example")
    response = post(
        recruiter,
        "/contacts/new",
        {
            "name": "Casey (met at fair)",
            "email": "CASEY.Work@example.com",
            "status": "",
            "kind": "candidate",
            "stage": "new",
            "cadence_days": "7",
            "notes": "Keep",
        },
    )
    assert response.status_code == 302
    candidate = accounts.candidate(email="casey@example.com")
    post(candidate, "/profile", VALID)
    add_recruiter(candidate, "riley@search.example")
    notify(candidate)
    with app.app_context():
        contacts = db.session.scalars(sa.select(Contact)).all()
        assert len(contacts) == 1
        assert contacts[0].name == "Casey Candidate" and contacts[0].notes == "Keep" and contacts[0].candidate_ref


def test_unlinked_recruiter_gets_nothing_more_and_contact_is_marked(app, accounts):
    candidate, recruiter = linked_pair(accounts)
    notify(candidate)
    add_recruiter(candidate, "other@search.example", "Other")
    with app.app_context():
        from journal.models import RecruiterLink

        link_id = db.session.scalar(sa.select(RecruiterLink.id).where(RecruiterLink.email == "riley@search.example"))
    post(candidate, f"/recruiters/{link_id}/remove")
    post(candidate, "/profile", {**VALID, "title": "Chief Revenue Officer"})
    notify(candidate)
    with app.app_context():
        assert (
            db.session.scalar(
                sa.select(sa.func.count(Delivery.id)).where(Delivery.recipient_email == "riley@search.example")
            )
            == 1
        )
        contact = db.session.scalar(sa.select(Contact))
        assert contact.unlinked_at is not None and contact.title == "Account Director"
    assert "Unlinked" in recruiter.get("/contacts").get_data(as_text=True)


def test_waiting_updates_attach_when_the_recruiter_signs_up(app, accounts):
    candidate = accounts.candidate(email="casey@example.com")
    post(candidate, "/profile", VALID)
    add_recruiter(candidate, "late@search.example", "Late Joiner")
    notify(candidate)
    post(candidate, "/profile", {**VALID, "title": "Vice President, Sales"})
    notify(candidate)
    recruiter = accounts.recruiter(email="Late@Search.example")
    inbox = recruiter.get("/inbox").get_data(as_text=True)
    assert inbox.count(">Unread<") == 2
    with app.app_context():
        contact = db.session.scalar(sa.select(Contact))
        assert contact.title == "Vice President, Sales" and contact.last_sequence == 2
    assert "Delivered to their inbox" in candidate.get("/recruiters").get_data(as_text=True)
    # the next update goes straight to the inbox
    notify(candidate)
    assert recruiter.get("/inbox").get_data(as_text=True).count(">Unread<") == 3


def test_inbox_pages_fifty_at_a_time(app, accounts):
    candidate, recruiter = linked_pair(accounts)
    for _ in range(51):
        notify(candidate)
    first = recruiter.get("/inbox").get_data(as_text=True)
    assert first.count('class="inbox-row') == 50 and "Page 1" in first and "page=2" in first
    assert recruiter.get("/inbox?page=2").get_data(as_text=True).count('class="inbox-row') == 1


def test_waiting_deliveries_are_found_by_email_through_their_own_index(app):
    """Only deliveries waiting for a recruiter's account are indexed by email: attach_waiting's lookup."""
    query = sa.select(Delivery.id).where(
        Delivery.recipient_email == "late@search.example", Delivery.recruiter_id.is_(None)
    )
    with app.app_context():
        connection = db.session.connection()
        sql = str(query.compile(connection, compile_kwargs={"literal_binds": True}))
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SET LOCAL enable_seqscan = off")  # an empty table: the index must serve
            plan = " ".join(row[0] for row in connection.exec_driver_sql("EXPLAIN " + sql))
        else:
            plan = " ".join(row[3] for row in connection.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
        db.session.rollback()
    assert "ix_deliveries_waiting_email" in plan, plan
