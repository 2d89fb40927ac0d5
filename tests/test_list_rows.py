"""List rows are read as stored, decoded by their column types, and rendered once per set of values shown."""
import gc
from datetime import date, datetime, timezone
from decimal import Decimal

import sqlalchemy as sa

from journal.contacts.finding import CONTACT_ROWS
from journal.extensions import db
from journal.inbox.services import INBOX_QUERY, INBOX_ROWS
from journal.journal.services import ENTRY_ROWS, entry_rows
from journal.models import CANDIDATE, RECRUITER, Contact, Delivery, JournalEntry, Update, User
from journal.paging import _WINDOWED, page_of
from journal.rows import _row

ISSUED = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)


def _recruiter() -> User:
    user = User(email="riley@example.com", name="Riley", password_hash="x", role=RECRUITER)
    db.session.add(user)
    db.session.flush()
    return user


def _delivery(recruiter: User, n: int, **values) -> Delivery:
    update = Update(public_id=f"u{n}", candidate_id=recruiter.id, sequence=n, idempotency_key=f"k{n}",
                    issued_at=ISSUED, candidate_name="<b>Casey</b>", summary=["Title: Engineer → Director"],
                    document={}, snapshot={})
    delivery = Delivery(update=update, recipient_email=recruiter.email, recipient_name="Riley",
                        recruiter_id=recruiter.id, **values)
    db.session.add(delivery)
    db.session.flush()
    return delivery


def inbox_html(recruiter: User) -> str:
    return str(page_of(INBOX_QUERY, 1, 50, rows=INBOX_ROWS, params={"recruiter": recruiter.id})
               .rows_html(inbox_url="/inbox"))


def test_a_stored_row_is_decoded_by_its_column_types_and_escaped(app):
    with app.test_request_context():
        recruiter = _recruiter()
        _delivery(recruiter, 1, superseded=True, overwrote=["phone"])
        html = inbox_html(recruiter)
    assert ">Unread<" in html and "2 Jan 2026, 03:04 UTC" in html
    assert "Late: superseded by a newer update, nothing changed" in html
    assert "Replaced your own edit of Phone." in html
    assert "&lt;b&gt;Casey&lt;/b&gt;" in html and "<b>Casey" not in html
    assert "<li>Title: Engineer → Director</li>" in html


def test_a_row_seen_before_is_not_rendered_again_and_a_changed_one_is(app):
    with app.test_request_context():
        recruiter = _recruiter()
        older, newer = _delivery(recruiter, 1), _delivery(recruiter, 2)
        inbox_html(recruiter)
        misses = _row.cache_info().misses
        first = inbox_html(recruiter)
        assert _row.cache_info().misses == misses  # both rows came from the memo
        older.read_at = datetime(2026, 1, 3, tzinfo=timezone.utc)
        db.session.flush()
        second = inbox_html(recruiter)
        assert _row.cache_info().misses == misses + 1  # only the row whose read_at changed
    assert first.count(">Unread<") == 2 and second.count(">Unread<") == 1
    assert second.index(f'href="/inbox/{newer.id}"') < second.index(f'href="/inbox/{older.id}"')


def test_contact_rows_show_their_badges_and_shared_values_are_part_of_the_key(app):
    with app.test_request_context():
        recruiter = _recruiter()
        db.session.add(Contact(recruiter_id=recruiter.id, name="", email="hm@example.com", kind="hiring_manager",
                               title="<i>CTO</i>", employer="Acme", unlinked_at=ISSUED))
        query = CONTACT_ROWS.select().where(Contact.recruiter_id == recruiter.id)
        page = page_of(query, 1, 50, rows=CONTACT_ROWS)
        html, moved = str(page.rows_html(contacts_url="/contacts")), str(page.rows_html(contacts_url="/crm/contacts"))
        contact_id = db.session.scalar(sa.select(Contact.id))
    assert f'href="/contacts/{contact_id}">hm@example.com</a>' in html and "Hiring manager" in html
    assert "Unlinked" in html and "&lt;i&gt;CTO&lt;/i&gt;" in html and "never" in html
    assert f'href="/crm/contacts/{contact_id}"' in moved


def test_pages_are_windows_of_one_statement_kept_while_the_query_lives(app):
    with app.test_request_context():
        recruiter = _recruiter()
        deliveries = [_delivery(recruiter, n) for n in range(1, 4)]
        params = {"recruiter": recruiter.id}
        first, second = (page_of(INBOX_QUERY, n, 2, rows=INBOX_ROWS, params=params) for n in (1, 2))
        assert [row[0] for row in first.items] == [deliveries[2].id, deliveries[1].id] and first.has_next
        assert [row[0] for row in second.items] == [deliveries[0].id] and not second.has_next
        assert INBOX_QUERY in _WINDOWED  # the Inbox's statement is windowed once, for every page
        kept = len(_WINDOWED)
        page_of(CONTACT_ROWS.select().where(Contact.recruiter_id == recruiter.id), 1, 50, rows=CONTACT_ROWS)
    gc.collect()
    assert len(_WINDOWED) == kept  # a query built for one request leaves nothing behind


def test_journal_rows_decode_dates_and_amounts_group_by_year_and_follow_edits(app):
    with app.test_request_context():
        candidate = User(email="casey@example.com", name="Casey", password_hash="x", role=CANDIDATE)
        db.session.add(candidate)
        db.session.flush()
        raise_ = JournalEntry(user_id=candidate.id, kind="raise", date=date(2025, 3, 1), title="<b>Raise</b>",
                              employer="", amount=Decimal("185000.50"), currency="USD", shared=False)
        role = JournalEntry(user_id=candidate.id, kind="role", date=date(2024, 6, 1), title="Director",
                            employer="Northline", shared=True)
        db.session.add_all([raise_, role])
        db.session.flush()
        rows = entry_rows(candidate)
        html = str(ENTRY_ROWS.html(rows, journal_url="/journal"))
        assert [row.year for row in rows] == [2025, 2024]
        assert [row.year for row in entry_rows(candidate, kind="role")] == [2024]
        role.title = "Vice President"
        db.session.flush()
        edited = str(ENTRY_ROWS.html(entry_rows(candidate, limit=5), journal_url="/journal"))
    assert '<time datetime="2025-03-01">1 March 2025</time>' in html and "USD 185,000.50" in html
    assert "&lt;b&gt;Raise&lt;/b&gt;" in html and ">Private<" in html and ">Shared<" in html
    assert html.index(f'href="/journal/{raise_.id}"') < html.index(f'href="/journal/{role.id}"')
    assert "Vice President" in edited and "Director" not in edited
