"""The Inbox's row memo: rows decoded by their column types, rendered once per set of values shown,
in a restricted environment that cannot reach the request, the session or the logged-in user."""

import os
from datetime import datetime, timezone
from pathlib import Path

import jinja2
import pytest
from jinja2 import meta

from journal.extensions import db
from journal.inbox.services import INBOX_ROWS, inbox_page
from journal.models import RECRUITER, Delivery, Update, User
from journal.rows import ROW_GLOBALS, _row, row_environment

ISSUED = datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc)
MEMOISED = [INBOX_ROWS]  # every RowList of the app: its template may use nothing but its row


def _recruiter() -> User:
    user = User(email="riley@example.com", name="Riley", password_hash="x", role=RECRUITER)
    db.session.add(user)
    db.session.flush()
    return user


def _delivery(recruiter: User, n: int, **values) -> Delivery:
    update = Update(
        public_id=f"u{n}",
        candidate_id=recruiter.id,
        sequence=n,
        idempotency_key=f"k{n}",
        issued_at=ISSUED,
        candidate_name="<b>Casey</b>",
        summary=["Title: Engineer → Director"],
        document={},
        snapshot={},
    )
    delivery = Delivery(
        update=update, recipient_email=recruiter.email, recipient_name="Riley", recruiter_id=recruiter.id, **values
    )
    db.session.add(delivery)
    db.session.flush()
    return delivery


def inbox_html(recruiter: User, zone: str = "UTC") -> str:
    return str(INBOX_ROWS.html(inbox_page(recruiter, 1).items, viewer_zone=zone))


def test_a_stored_row_is_decoded_by_its_column_types_and_escaped(app):
    with app.test_request_context():
        recruiter = _recruiter()
        delivery = _delivery(recruiter, 1, superseded=True, overwrote=["phone"])
        html = inbox_html(recruiter)
    assert ">Unread<" in html and "2 Jan 2026, 03:04 UTC" in html
    assert f'href="/inbox/{delivery.id}"' in html
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


def test_the_viewer_zone_and_the_script_root_are_part_of_a_rows_key(app):
    with app.test_request_context():
        recruiter = _recruiter()
        delivery = _delivery(recruiter, 1)
        utc, new_york = inbox_html(recruiter), inbox_html(recruiter, "America/New_York")
        recruiter_id, delivery_id = recruiter.id, delivery.id
        db.session.commit()
    with app.test_request_context(base_url="http://localhost/crm/"):
        moved = inbox_html(db.session.get(User, recruiter_id))
    assert "2 Jan 2026, 03:04 UTC" in utc and "1 Jan 2026, 22:04 EST" in new_york
    assert f'href="/crm/inbox/{delivery_id}"' in moved


def test_an_edited_row_template_shows_at_once_in_development(app, tmp_path):
    app.jinja_env.auto_reload = True
    app.jinja_loader.searchpath.insert(0, str(tmp_path))  # a copy of the row template that we edit
    (tmp_path / "inbox").mkdir()
    row_template = Path(app.root_path, app.template_folder, "inbox", "_row.html").read_text()
    (tmp_path / "inbox" / "_row.html").write_text(row_template)
    app.extensions.pop("row_templates", None)
    with app.test_request_context():
        recruiter = _recruiter()
        _delivery(recruiter, 1)
        assert "Unread" in inbox_html(recruiter)
        edited = tmp_path / "inbox" / "_row.html"
        edited.write_text(row_template.replace(">Unread<", ">New<"))
        stat = edited.stat()
        os.utime(edited, (stat.st_atime, stat.st_mtime + 5))
        assert ">New<" in inbox_html(recruiter)


@pytest.mark.parametrize("name", ["request", "session", "g", "csrf_token", "current_user", "config"])
def test_memoised_rows_cannot_reach_the_request_the_session_or_the_user(app, name):
    with app.test_request_context():
        env = row_environment(app)
        with pytest.raises(jinja2.UndefinedError):
            env.from_string(f"{{{{ {name} }}}}").render(row={})


@pytest.mark.parametrize("rows", MEMOISED, ids=lambda rows: rows.template)
def test_each_memoised_template_uses_only_its_row_its_shared_values_and_url_for(app, rows):
    env = row_environment(app)
    source = env.loader.get_source(env, rows.template)[0]
    assert meta.find_undeclared_variables(env.parse(source)) <= {"row", "viewer_zone", *ROW_GLOBALS}
