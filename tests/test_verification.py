"""Verified email (#15): nothing reaches an address, and no waiting update attaches to an account,
until its owner proved the address; a candidate notifies only from a verified account."""

import re

import sqlalchemy as sa

from journal.auth.tokens import RESET, VERIFY, make_token
from journal.extensions import db
from journal.models import Delivery, OutboxEmail, Update, User
from tests.conftest import add_recruiter, notify, post, text_of, verification_link


def test_sign_up_sends_a_verification_link_and_the_banner_asks_for_it(app, accounts):
    client = accounts.candidate(email="new@example.com", verified=False)
    with app.app_context():
        email = db.session.scalars(sa.select(OutboxEmail).where(OutboxEmail.kind == "account")).one()
    assert email.to_address == "new@example.com" and email.subject == "Verify your email for Career Journal"
    assert "/verify/" in email.body and "48 hours" in email.body
    home = text_of(client.get("/"))
    assert "Check your inbox to verify new@example.com" in home and "Send the link again" in home
    response = client.get(verification_link(app, "new@example.com"))
    assert response.status_code == 302
    home = text_of(client.get("/"))
    assert "new@example.com is verified" in home and "Check your inbox to verify" not in home
    with app.app_context():
        assert db.session.scalar(sa.select(User.email_verified_at)) is not None


def test_an_unverified_candidate_cannot_notify_and_is_told_why(app, accounts):
    client = accounts.candidate(email="casey@example.com", verified=False)
    add_recruiter(client, "riley@search.example")
    page = client.get("/recruiters").get_data(as_text=True)
    assert re.search(r'<button type="submit" class="primary" disabled[^>]*>Notify my recruiters', page)
    assert "Verify casey@example.com first" in page
    key = re.search(r'name="idempotency_key" type="hidden" value="([^"]+)"', page).group(1)
    response = post(client, "/recruiters/notify", {"note": "", "idempotency_key": key})
    assert response.status_code == 302 and "Nothing was sent" in text_of(client.get("/recruiters"))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(Update)) == 0
        assert db.session.scalar(sa.select(sa.func.count()).where(OutboxEmail.kind == "update")) == 0


def test_an_impostor_recruiter_gets_nothing_until_the_address_is_proven(app, accounts):
    """Signing up with an address a candidate linked attaches nothing; only the owner's link does."""
    candidate = accounts.candidate()
    add_recruiter(candidate, "riley@search.example")
    notify(candidate)
    impostor = accounts.recruiter(email="riley@search.example", verified=False)
    assert ">Unread<" not in impostor.get("/inbox").get_data(as_text=True)
    assert "Delivered to their inbox" not in candidate.get("/recruiters").get_data(as_text=True)
    other = accounts.candidate()
    add_recruiter(other, "riley@search.example")  # a link made now waits too
    notify(other)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(Delivery.recruiter_id.is_not(None))) == 0
    # the owner of the address follows the link that went to it
    assert impostor.get(verification_link(app, "riley@search.example")).status_code == 302
    assert impostor.get("/inbox").get_data(as_text=True).count(">Unread<") == 2
    assert "Delivered to their inbox" in candidate.get("/recruiters").get_data(as_text=True)


def test_verification_links_that_cannot_be_used_get_a_clear_page(app, accounts):
    client = accounts.candidate(email="v@example.com", verified=False)
    link = verification_link(app, "v@example.com")
    token = link.rsplit("/", 1)[1]
    assert client.get(link[:-3] + "xyz").status_code == 404  # tampered
    with app.app_context():
        reset_token = make_token(RESET, db.session.scalar(sa.select(User)))
    assert client.get(f"/verify/{reset_token}").status_code == 404  # a token of another purpose
    assert client.get(link).status_code == 302
    used = client.get(link)
    assert used.status_code == 410 and "verified already" in text_of(used)
    assert client.get(f"/password/reset/{token}").status_code == 404


def test_an_expired_verification_link_says_so(app, accounts, monkeypatch):
    import itsdangerous.timed

    accounts.candidate(email="late@example.com", verified=False)
    with app.app_context():
        user = db.session.scalar(sa.select(User))
        now = itsdangerous.timed.time.time()
        monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: now - 49 * 3600)
        token = make_token(VERIFY, user)
        monkeypatch.undo()
    response = app.test_client().get(f"/verify/{token}")
    assert response.status_code == 410 and "expired" in text_of(response)


def test_send_the_link_again_is_rate_limited(app, accounts):
    client = accounts.candidate(email="again@example.com", verified=False)
    answers = [post(client, "/verify/resend", {"next": "/journal"}) for _ in range(4)]
    assert [a.status_code for a in answers] == [302, 302, 302, 429]
    assert answers[0].headers["Location"] == "/journal"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(OutboxEmail.kind == "account")) == 4


def test_a_claim_link_proves_the_address(app, accounts):
    from journal.claims.services import claims_for, token_for

    with app.app_context():
        token = token_for(claims_for({"claimer@search.example"})["claimer@search.example"])
        db.session.commit()
    visitor = app.test_client()
    response = post(visitor, f"/claim/{token}", {"name": "Claire", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert "Check your inbox to verify" not in text_of(visitor.get("/inbox"))
    with app.app_context():
        assert db.session.scalar(sa.select(User.email_verified_at)) is not None


def test_an_unverified_recruiter_sends_no_email_to_others(app, accounts):
    from tests.test_contacts import NEW

    recruiter = accounts.recruiter(verified=False)
    location = post(recruiter, "/contacts/new", NEW).headers["Location"]
    response = post(recruiter, f"{location}/message", {"body": "Hello from a stranger"})
    assert response.status_code == 403 and "Verify your email first" in text_of(response)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).where(OutboxEmail.kind == "message")) == 0
