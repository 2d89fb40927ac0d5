"""List rows are rendered once per set of values shown, and a changed value renders anew."""
from collections import namedtuple
from datetime import datetime, timezone

import pytest

from journal.rows import rows_html

Row = namedtuple("Row", "id read_at superseded overwrote candidate_name issued_at summary")
UNREAD = Row(7, None, True, ["phone"], "<b>Casey</b>", datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc),
             ["Title: Engineer → Director"])


@pytest.fixture
def database_uri(tmp_path):
    """No database is read here: one leg is enough."""
    return f"sqlite:///{tmp_path / 'journal.sqlite'}"


def test_a_row_shows_its_state_labels_escaped(app):
    with app.test_request_context():
        html = str(inbox([UNREAD]))
    assert 'href="/inbox/7"' in html and ">Unread<" in html and "2 Jan 2026, 03:04 UTC" in html
    assert "Late: superseded by a newer update, nothing changed" in html
    assert "Replaced your own edit of Phone." in html
    assert "&lt;b&gt;Casey&lt;/b&gt;" in html and "<b>Casey" not in html
    assert "<li>Title: Engineer → Director</li>" in html


def test_a_changed_row_renders_anew_and_rows_keep_their_order(app):
    read = UNREAD._replace(id=8, read_at=datetime(2026, 1, 3, tzinfo=timezone.utc), superseded=False, overwrote=[])
    with app.test_request_context():
        inbox([UNREAD])
        html = str(inbox([read, UNREAD]))
        assert str(inbox([UNREAD._replace(read_at=read.read_at)])).count(">Unread<") == 0
    assert html.count(">Unread<") == 1 and html.count("Late:") == 1
    assert html.index('href="/inbox/8"') < html.index('href="/inbox/7"')


def inbox(rows):
    return rows_html("inbox/_row.html", rows, inbox_url="/inbox")


def test_contact_rows_show_their_badges_and_shared_values_are_part_of_the_key(app):
    Contact = namedtuple("Contact", "id name email kind unlinked_at title employer updated_at confirmed_at")
    manager = Contact(3, "", "hm@example.com", "hiring_manager", datetime(2026, 2, 1, tzinfo=timezone.utc),
                      "<i>CTO</i>", "Acme", None, None)
    with app.test_request_context():
        html = str(rows_html("contacts/_row.html", [manager], contacts_url="/contacts"))
        moved = str(rows_html("contacts/_row.html", [manager], contacts_url="/crm/contacts"))
    assert 'href="/contacts/3">hm@example.com</a>' in html and "Hiring manager" in html and "Unlinked" in html
    assert "&lt;i&gt;CTO&lt;/i&gt;" in html and "never" in html
    assert 'href="/crm/contacts/3"' in moved
