"""Email delivery through the outbox, against a real SMTP server on 127.0.0.1."""

import email
import email.generator
import json
import re
import threading
from datetime import timedelta
from email import policy

import pytest
import sqlalchemy as sa
import vobject

from journal.extensions import db
from journal.models import Claim, Delivery, OutboxEmail, Update, User, utcnow
from journal.outbox.worker import Worker, retry_delay
from journal.recruiters.services import notify_recruiters
from tests.conftest import PASSWORD, add_recruiter, notify, post
from tests.smtp import SMTPServer
from tests.test_journal import add_entry
from tests.test_profile import VALID


@pytest.fixture
def smtp(app):
    with SMTPServer() as server:
        app.config.update(server.config)
        yield server


def worker(app, clock=None, **kwargs):
    """A worker for this app; the caller runs it inside an app context."""
    return Worker(app, clock=clock or utcnow, **kwargs)


def drain(app, clock=None) -> int:
    with app.app_context():
        return worker(app, clock).run_once()


def rows(app):
    with app.app_context():
        return db.session.execute(
            sa.select(OutboxEmail.to_address, OutboxEmail.state, OutboxEmail.attempts, OutboxEmail.last_error)
            .where(OutboxEmail.kind != "account")  # sign-up's verification emails, sent already
            .order_by(OutboxEmail.id)
        ).all()


def candidate_with(accounts, *emails, name="Casey Candidate"):
    client = accounts.candidate(email="casey@example.com")
    post(client, "/profile", {**VALID, "name": name})
    for n, address in enumerate(emails):
        add_recruiter(client, address, f"Recruiter {n}")
    return client


def test_update_email_with_both_attachments(app, accounts, smtp):
    accounts.recruiter(email="member@search.example")
    client = candidate_with(accounts, "member@search.example", "outsider@search.example")
    add_entry(client, title="VP Sales", details="Runs **automotive**", shared=True)
    add_entry(client, kind="review", title="Secret review", employer="", details="Private words", shared=False)
    notify(client, note="Open to CRO roles")
    assert drain(app) == 2
    by_to = {m["To"].addresses[0].addr_spec: m for m in smtp.recorder.messages}
    message = by_to["outsider@search.example"]
    assert message["Subject"] == "Career update from Casey Candidate"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "Open to CRO roles" in text and "VP Sales" in text and "<strong>automotive</strong>" in html
    for part in (text, html):
        assert "Secret review" not in part and "Private words" not in part
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    document = json.loads(attachments["update.json"].get_content())
    with app.app_context():
        assert document == db.session.scalar(sa.select(Update.document))
        stored_ids = set(db.session.scalars(sa.select(OutboxEmail.message_id).where(OutboxEmail.kind == "update")))
    card = vobject.readOne(attachments["candidate.vcf"].get_content())
    assert card.version.value == "4.0" and card.fn.value == "Casey Candidate" and card.email.value == VALID["email"]
    assert "/claim/" in text and "/inbox/" not in text
    assert "/inbox/" in by_to["member@search.example"].get_body(("plain",)).get_content()
    assert set(smtp.recorder.message_ids()) == stored_ids
    assert [r.state for r in rows(app)] == ["sent", "sent"]
    assert client.get("/recruiters").get_data(as_text=True).count("Email sent") == 2


def test_update_emails_are_well_formed_mime_with_encoded_headers(app, accounts, smtp):
    """One MIME-Version, at the top; 7-bit lines under 78 characters; a name beyond ASCII as an
    RFC 2047 encoded word; the same update.json in every copy; a boundary of each message's own."""
    client = candidate_with(accounts, "one@search.example", "two@search.example", name="Zoë Ünïcode")
    add_entry(client, title="Entry with = signs and ünïcode", details="x" * 200, shared=True)
    notify(client)
    assert drain(app) == 2
    for raw in smtp.recorder.raw:
        assert raw.isascii() and max(len(line) for line in raw.split(b"\r\n")) <= 78
        message = email.message_from_bytes(raw, policy=policy.default)
        kinds = [part.get_content_type() for part in message.walk()]
        assert kinds == [
            "multipart/mixed",
            "multipart/alternative",
            "text/plain",
            "text/html",
            "application/json",
            "text/vcard",
        ]
        assert [bool(part["MIME-Version"]) for part in message.walk()] == [True] + [False] * 5
        assert b"Subject: Career update from =?utf-8?" in raw and message["Subject"] == "Career update from Zoë Ünïcode"
        assert "Entry with = signs and ünïcode" in message.get_body(("plain",)).get_content()
    first, second = (email.message_from_bytes(raw, policy=policy.default) for raw in smtp.recorder.raw)
    attachment = lambda m: next(p for p in m.iter_attachments() if p.get_filename() == "update.json").get_content()  # noqa: E731
    assert attachment(first) == attachment(second)
    assert first.get_boundary() != second.get_boundary()


def test_temporary_failure_then_success_sends_once(app, accounts, smtp):
    notify(candidate_with(accounts, "r@search.example"))
    smtp.recorder.script = ["421 4.3.2 Service not available, try later"]
    drain(app)
    row = rows(app)[0]
    assert (row.state, row.attempts) == ("pending", 1) and row.last_error.startswith("421")
    assert smtp.recorder.messages == []
    drain(app)  # not due yet: backoff
    assert rows(app)[0].attempts == 1
    drain(app, clock=lambda: utcnow() + timedelta(hours=2))
    assert [(r.state, r.attempts) for r in rows(app)] == [("sent", 2)]
    assert len(smtp.recorder.messages) == 1


def test_permanent_failure_is_not_retried(app, accounts, smtp):
    client = candidate_with(accounts, "gone@search.example")
    notify(client)
    smtp.recorder.script = ["550 5.1.1 Mailbox unavailable"]
    drain(app)
    drain(app, clock=lambda: utcnow() + timedelta(days=1))
    row = rows(app)[0]
    assert (row.state, row.attempts) == ("failed", 1) and "550" in row.last_error
    assert "Email failed: 550 5.1.1 Mailbox unavailable" in client.get("/recruiters").get_data(as_text=True)


def test_connection_refused_is_retried_and_shown(app, accounts):
    from tests.smtp import free_port

    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port(), MAIL_TIMEOUT=1)
    client = candidate_with(accounts, "r@search.example")
    notify(client)
    drain(app)
    row = rows(app)[0]
    assert row.state == "pending" and "connection problem" in row.last_error
    assert "Email retrying (attempt 1" in client.get("/updates").get_data(as_text=True)


def test_a_stalling_server_does_not_stop_the_worker(app, accounts, smtp):
    notify(candidate_with(accounts, "slow@search.example", "fast@search.example"))
    smtp.recorder.script = [("stall", 3)]
    started = utcnow()
    drain(app)
    assert utcnow() - started < timedelta(seconds=8)
    # the two go over separate connections at once: whichever met the stall waits, the other is sent
    states = sorted((r.state, r.last_error) for r in rows(app))
    assert states == [("pending", "the mail server did not answer in time"), ("sent", "")]


def test_giving_up_after_the_maximum_age(app, accounts, smtp):
    notify(candidate_with(accounts, "r@search.example"))
    smtp.recorder.script = ["451 4.3.0 Temporary", "451 4.3.0 Temporary"]
    drain(app, clock=lambda: utcnow() + timedelta(hours=60))
    assert rows(app)[0].state == "pending"  # the next try still falls within three days
    drain(app, clock=lambda: utcnow() + timedelta(hours=71, minutes=59, seconds=45))
    row = rows(app)[0]
    assert row.state == "failed" and row.last_error.startswith("gave up after 2 attempts: 451")


def test_retry_delay_grows_exponentially_with_jitter():
    assert retry_delay(1, 60, 3600, rand=lambda: 1.0) == timedelta(seconds=60)
    assert retry_delay(3, 60, 3600, rand=lambda: 1.0) == timedelta(seconds=240)
    assert retry_delay(3, 60, 3600, rand=lambda: 0.0) == timedelta(seconds=120)
    assert retry_delay(20, 60, 3600, rand=lambda: 1.0) == timedelta(seconds=3600)


def test_two_workers_send_every_email_exactly_once(app, accounts, smtp):
    client = accounts.candidate(email="casey@example.com")
    with app.app_context():
        from journal.models import RecruiterLink

        candidate_id = db.session.scalar(sa.select(User.id).where(User.email == "casey@example.com"))
        db.session.execute(
            sa.insert(RecruiterLink),
            [
                {"candidate_id": candidate_id, "name": f"R{i}", "email": f"r{i}@search.example", "firm": ""}
                for i in range(40)
            ],
        )
        db.session.commit()
    notify(client)
    notify(client)
    app.config["MAIL_BATCH"] = 7
    counts = []

    def run():
        with app.app_context():
            counts.append(Worker(app).run_once())

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ids = smtp.recorder.message_ids()
    assert len(ids) == 80 and len(set(ids)) == 80 and sum(counts) == 80
    assert {r.state for r in rows(app)} == {"sent"} and {r.attempts for r in rows(app)} == {1}


def test_a_dead_workers_rows_are_retried_after_the_lease(app, accounts, smtp):
    notify(candidate_with(accounts, "r1@search.example", "r2@search.example"))
    with app.app_context():
        assert len(worker(app).claim()) == 2  # claims, then "dies" without sending
    assert drain(app) == 0  # the lease still holds
    assert drain(app, clock=lambda: utcnow() + timedelta(minutes=6)) == 2
    assert len(smtp.recorder.messages) == 2


def test_rolled_back_update_leaves_no_outbox_row(app, accounts):
    candidate_with(accounts, "r@search.example")
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "casey@example.com"))
        notify_recruiters(user, "key", "")
        db.session.flush()
        updates = sa.select(sa.func.count(OutboxEmail.id)).where(OutboxEmail.kind == "update")
        assert db.session.scalar(updates) == 1
        db.session.rollback()
        assert db.session.scalar(updates) == 0
        assert db.session.scalar(sa.select(sa.func.count(Update.id))) == 0


def test_inbox_only_recruiters_get_no_email(app, accounts):
    recruiter = accounts.recruiter(email="quiet@search.example")
    page = recruiter.get("/settings").get_data(as_text=True)
    assert "Email me a copy of each update" in page
    post(recruiter, "/settings", {"timezone": "UTC"})  # unticked box
    notify(candidate_with(accounts, "quiet@search.example", "loud@search.example"))
    assert [r.to_address for r in rows(app)] == ["loud@search.example"]


def test_claim_link_signs_up_and_brings_every_update(app, accounts, smtp):
    client = candidate_with(accounts, "newbie@search.example")
    notify(client)
    post(client, "/profile", {**VALID, "title": "Vice President, Sales"})
    notify(client)
    drain(app)
    links = {
        re.search(r"http://[^/]+(/claim/\S+)", m.get_body(("plain",)).get_content()).group(1)
        for m in smtp.recorder.messages
    }
    assert len(links) == 1  # both emails carry the same claim link
    link = links.pop()
    visitor = app.test_client()
    page = visitor.get(link).get_data(as_text=True)
    assert "Claim your inbox" in page and "newbie@search.example" in page
    response = post(visitor, link, {"name": "New Recruiter", "password": "short"})
    assert response.status_code == 422 and "at least 8" in response.get_data(as_text=True)
    response = post(visitor, link, {"name": "New Recruiter", "password": PASSWORD})
    assert response.headers["Location"] == "/inbox"
    inbox = visitor.get("/inbox").get_data(as_text=True)
    assert inbox.count(">Unread<") == 2 and "Title: Account Director → Vice President, Sales" in inbox
    assert "Vice President, Sales" in visitor.get("/contacts").get_data(as_text=True)
    again = app.test_client().get(link)
    assert again.status_code == 410 and "already used" in again.get_data(as_text=True)
    assert app.test_client().get("/claim/forged.token").status_code == 404


def test_expired_claim_link_says_so(app, accounts, smtp):
    notify(candidate_with(accounts, "late@search.example"))
    drain(app)
    link = re.search(r"http://[^/]+(/claim/\S+)", smtp.recorder.messages[0].get_body(("plain",)).get_content()).group(1)
    with app.app_context():
        db.session.scalar(sa.select(Claim)).expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    response = app.test_client().get(link)
    assert response.status_code == 410 and "expired" in response.get_data(as_text=True)


def test_links_in_emails_ignore_a_forged_host_header(app, accounts, smtp):
    candidate_with(accounts, "r@search.example")
    app.config["BASE_URL"] = "https://journal.example.org"
    with app.test_request_context("/recruiters/notify", method="POST", headers={"Host": "evil.example"}):
        user = db.session.scalar(sa.select(User).where(User.email == "casey@example.com"))
        notify_recruiters(user, "forged-host", "")
        db.session.commit()
    drain(app)
    message = smtp.recorder.messages[0]
    text = message.get_body(("plain",)).get_content()
    assert "https://journal.example.org/claim/" in text and "evil.example" not in message.as_string()
    assert message["Message-ID"].endswith("@journal.example.org>")


def test_an_update_queues_one_email_per_recipient_who_wants_email(app, accounts):
    accounts.recruiter(email="quiet@search.example")
    client = candidate_with(accounts, "quiet@search.example", "a@search.example", "b@search.example")
    with app.app_context():
        db.session.execute(sa.update(User).where(User.email == "quiet@search.example").values(email_updates=False))
        db.session.commit()
    notify(client)
    with app.app_context():
        update = db.session.scalar(sa.select(Update))
        queued = db.session.execute(sa.select(OutboxEmail, Delivery).join(Delivery).order_by(OutboxEmail.id)).all()
    assert [(queued_email.to_address, queued_email.to_name) for queued_email, _ in queued] == [
        ("a@search.example", "Recruiter 1"),
        ("b@search.example", "Recruiter 2"),
    ]  # Inbox only: no email
    for queued_email, delivery in queued:
        assert delivery.update_id == update.id and delivery.recipient_email == queued_email.to_address
        assert (
            queued_email.kind,
            queued_email.state,
            queued_email.attempts,
            queued_email.subject,
            queued_email.body,
        ) == ("update", "pending", 0, "", "")
        assert queued_email.created_at == queued_email.next_attempt_at == update.issued_at
        assert re.fullmatch(r"<[0-9a-f]{32}@127\.0\.0\.1>", queued_email.message_id), queued_email.message_id
    assert queued[0][0].message_id != queued[1][0].message_id
    with app.app_context():
        deliveries = db.session.scalars(sa.select(Delivery).order_by(Delivery.id)).all()
    assert [(d.recipient_email, d.recipient_name) for d in deliveries] == [
        ("quiet@search.example", "Recruiter 0"),
        ("a@search.example", "Recruiter 1"),
        ("b@search.example", "Recruiter 2"),
    ]
    member, *waiting = deliveries  # in the order the recruiters were added
    assert member.recruiter_id and member.contact_id and member.delivered_at == update.issued_at
    for delivery in waiting:  # no account yet: nothing delivered until one is made
        assert (delivery.recruiter_id, delivery.contact_id, delivery.delivered_at) == (None, None, None)
        assert (delivery.superseded, delivery.overwrote) == (False, [])


def test_hostile_names_are_neutralised_in_emails(app, accounts, smtp):
    notify(candidate_with(accounts, "r@search.example", name="<script>alert(1)</script> Bcc: x@evil.example"))
    drain(app)
    message = smtp.recorder.messages[0]
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert message["Bcc"] is None and "\n" not in message["Subject"]


def test_file_backend_writes_eml_files_without_smtp(app, accounts, tmp_path):
    app.config.update(MAIL_SERVER="", MAIL_FILE_DIR=str(tmp_path / "mail"))
    notify(candidate_with(accounts, "r@search.example"))
    assert drain(app) == 1
    files = list((tmp_path / "mail").glob("*.eml"))
    assert len(files) == 1 and b"Career update from Casey Candidate" in files[0].read_bytes()


def test_messages_to_candidates_go_out_by_email(app, accounts, smtp):
    recruiter = accounts.recruiter(email="riley@search.example", name="Riley Recruiter")
    response = post(
        recruiter,
        "/contacts/new",
        {
            "name": "Email Only",
            "email": "only@example.com",
            "status": "",
            "kind": "candidate",
            "stage": "new",
            "cadence_days": "7",
        },
    )
    post(recruiter, response.headers["Location"] + "/message", {"body": "No news yet, <b>soon</b>."})
    assert drain(app) == 1
    message = smtp.recorder.messages[0]
    assert (
        message["Subject"] == "Message from Riley Recruiter"
        and message["To"].addresses[0].addr_spec == "only@example.com"
    )
    assert "No news yet, <b>soon</b>." in message.get_body(("plain",)).get_content()


def test_an_update_with_many_entries_lists_the_newest_and_attaches_all(app, accounts, smtp):
    client = candidate_with(accounts, "r@search.example")
    for n in range(23):
        add_entry(client, title=f"Milestone {n:02d}", date=f"2024-01-{n + 1:02d}", details=f"Step **{n}**", shared=True)
    notify(client)
    drain(app)
    message = smtp.recorder.messages[0]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert "the 20 newest of 23" in text and "The 20 newest of 23" in html
    section = text[text.index("New or edited journal entries") :]
    listed = [n for n in range(23) if f"Milestone {n:02d}" in section]
    assert listed == list(range(3, 23)) and section.index("Milestone 22") < section.index("Milestone 03")
    html_section = html[html.index("New or edited journal entries") :]
    assert "<strong>22</strong>" in html_section and "Milestone 02" not in html_section
    attachments = {part.get_filename(): part for part in message.iter_attachments()}
    assert len(json.loads(attachments["update.json"].get_content())["entries"]) == 23


def test_the_worker_keeps_prepared_update_parts_only_for_its_current_batch(app, accounts, smtp):
    """Parts shared by an update's emails are kept from one batch to the next, not forever."""
    client = candidate_with(accounts, "a@search.example", "b@search.example")
    notify(client)
    post(client, "/profile", {**VALID, "title": "Vice President, Sales"})
    notify(client)
    app.config["MAIL_BATCH"] = 2  # each batch holds the two emails of one update
    with app.app_context():
        sender = worker(app)
        updates = db.session.scalars(sa.select(Update.id).order_by(Update.id)).all()
        assert sender._send_batch(sender.claim()) == 2
        assert set(sender._prepared) == {updates[0]}
        assert sender._send_batch(sender.claim()) == 2
        assert set(sender._prepared) == {updates[1]}
