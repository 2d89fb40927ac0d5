"""Forgotten passwords (#15): a single-use link, good for an hour, the same answer for every address."""

import sqlalchemy as sa

from journal.extensions import db
from journal.models import LoginSession, OutboxEmail, User
from tests.conftest import PASSWORD, emailed_link, post, text_of

NEW_PASSWORD = "a whole new passphrase 2026"


def _reset_link(app, email: str) -> str:
    return emailed_link(app, email, "/password/reset/")


def _log_in(app, email: str, password: str):
    client = app.test_client()
    return client, post(client, "/login", {"email": email, "password": password})


def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(app, accounts):
    accounts.candidate(email="known@example.com")
    assert "Forgot your password?" in app.test_client().get("/login").get_data(as_text=True)
    known = post(app.test_client(), "/password/forgot", {"email": "known@example.com"})
    unknown = post(app.test_client(), "/password/forgot", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 200
    assert text_of(known).replace("known@", "X@") == text_of(unknown).replace("nobody@", "X@")
    with app.app_context():
        sent = db.session.scalars(sa.select(OutboxEmail.to_address).where(OutboxEmail.subject.like("Set a new%"))).all()
    assert sent == ["known@example.com"]


def test_a_reset_link_sets_a_new_password_once_and_ends_every_session(app, accounts):
    other_browser = accounts.candidate(email="forgetful@example.com")
    post(app.test_client(), "/password/forgot", {"email": "forgetful@example.com"})
    link = _reset_link(app, "forgetful@example.com")
    visitor = app.test_client()
    assert "Set a new password" in visitor.get(link).get_data(as_text=True)
    weak = post(visitor, link, {"password": "short"})
    assert weak.status_code == 422 and "at least 8" in weak.get_data(as_text=True)
    response = post(visitor, link, {"password": NEW_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert other_browser.get("/journal").status_code == 302  # its session ended
    assert _log_in(app, "forgetful@example.com", PASSWORD)[1].status_code == 422
    assert _log_in(app, "forgetful@example.com", NEW_PASSWORD)[1].status_code == 302
    again = app.test_client().get(link)
    assert again.status_code == 410 and "used already" in text_of(again)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(LoginSession)) == 1


def test_a_reset_proves_the_address_so_an_impostor_cannot_lock_its_owner_out(app, accounts):
    """Whoever signed up first with my address: the reset link reaches me, and the account is mine."""
    accounts.recruiter(email="riley@search.example", password="impostor's secret 1", verified=False)
    post(app.test_client(), "/password/forgot", {"email": "riley@search.example"})
    link = _reset_link(app, "riley@search.example")
    post(app.test_client(), link, {"password": NEW_PASSWORD})
    owner, response = _log_in(app, "riley@search.example", NEW_PASSWORD)
    assert response.status_code == 302 and "Check your inbox to verify" not in text_of(owner.get("/inbox"))
    assert _log_in(app, "riley@search.example", "impostor's secret 1")[1].status_code == 422


def test_reset_requests_are_rate_limited_per_address(app, accounts):
    accounts.candidate(email="spam@example.com")
    answers = [post(app.test_client(), "/password/forgot", {"email": "spam@example.com"}) for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    other = post(app.test_client(), "/password/forgot", {"email": "other@example.com"})
    assert other.status_code == 200


def test_a_tampered_or_expired_reset_link_gets_a_clear_page(app, accounts, monkeypatch):
    import itsdangerous.timed

    accounts.candidate(email="t@example.com")
    post(app.test_client(), "/password/forgot", {"email": "t@example.com"})
    link = _reset_link(app, "t@example.com")
    assert app.test_client().get(link + "x").status_code == 404
    now = itsdangerous.timed.time.time()
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: now + 3601)
    expired = app.test_client().get(link)
    assert expired.status_code == 410 and "expired" in text_of(expired)
    with app.app_context():
        assert db.session.scalar(sa.select(User.password_hash)).startswith("$argon2id$")
