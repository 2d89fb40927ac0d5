"""Recruiter invite links: create, follow (sign up or log in), expire, revoke."""

import re
from datetime import timedelta

import sqlalchemy as sa

from journal.extensions import db
from journal.models import Invite, RecruiterLink, utcnow
from tests.conftest import PASSWORD, post


def make_invite(recruiter, label="Expo", expires=""):
    assert post(recruiter, "/invites", {"label": label, "expires": expires}).status_code == 302
    html = recruiter.get("/invites").get_data(as_text=True)
    return re.search(r'value="http://localhost(/i/[^"]+)"', html).group(1)


def test_invite_page_creates_links(accounts):
    recruiter = accounts.recruiter()
    html = recruiter.get("/invites").get_data(as_text=True)
    assert re.search(r"<label[^>]*>Label</label>", html) and re.search(r"<label[^>]*>Expires after</label>", html)
    path = make_invite(recruiter, "Career fair", "30")
    html = recruiter.get("/invites").get_data(as_text=True)
    assert "Career fair" in html and path in html and "used 0 times" in html


def test_candidate_signs_up_through_the_link_and_has_the_recruiter(app, accounts):
    recruiter = accounts.recruiter(email="riley@search.example", name="Riley Recruiter")
    path = make_invite(recruiter)
    visitor = app.test_client()
    page = visitor.get(path).get_data(as_text=True)
    assert "Riley Recruiter invites you" in page
    response = post(
        visitor,
        "/signup",
        {"name": "New Person", "email": "new@example.com", "password": PASSWORD, "role": "candidate"},
    )
    assert response.headers["Location"] == path  # asked, never linked unasked
    assert "Link Riley Recruiter as your recruiter?" in visitor.get(path).get_data(as_text=True)
    assert post(visitor, path).headers["Location"] == "/recruiters"
    html = visitor.get("/recruiters").get_data(as_text=True)
    assert "Riley Recruiter is now one of your recruiters" in html and "riley@search.example" in html
    with app.app_context():
        link = db.session.scalar(sa.select(RecruiterLink))
        assert link.recruiter_id is not None


def test_existing_candidate_logs_in_through_the_link(app, accounts):
    recruiter = accounts.recruiter(email="riley@search.example")
    path = make_invite(recruiter)
    accounts.candidate(email="known@example.com")
    visitor = app.test_client()
    visitor.get(path)
    response = post(visitor, "/login", {"email": "known@example.com", "password": PASSWORD})
    assert response.headers["Location"] == path
    page = visitor.get(path).get_data(as_text=True)
    assert ">Link</button>" in page and ">Not now</a>" in page
    assert "riley@search.example" not in visitor.get("/recruiters").get_data(as_text=True)
    post(visitor, path)
    assert "riley@search.example" in visitor.get("/recruiters").get_data(as_text=True)


def test_an_invite_opened_by_someone_else_in_this_browser_is_not_applied_at_log_in(app, accounts):
    """Someone opened an invite link on a shared computer; the next person to log in is asked,
    says "Not now", and nothing is linked; the question does not come back at the next log-in."""
    path = make_invite(accounts.recruiter(email="riley@search.example"))
    accounts.candidate(email="known@example.com")
    shared = app.test_client()
    shared.get(path)
    assert post(shared, "/login", {"email": "known@example.com", "password": PASSWORD}).headers["Location"] == path
    assert shared.get("/").status_code == 200  # "Not now"
    post(shared, "/logout")
    assert post(shared, "/login", {"email": "known@example.com", "password": PASSWORD}).headers["Location"] == "/"
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RecruiterLink.id))) == 0


def test_logged_in_candidate_confirms_with_a_button(app, accounts):
    recruiter = accounts.recruiter(email="riley@search.example", name="Riley Recruiter")
    path = make_invite(recruiter)
    candidate = accounts.candidate()
    page = candidate.get(path).get_data(as_text=True)
    assert "Link Riley Recruiter as your recruiter?" in page and ">Link</button>" in page
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RecruiterLink.id))) == 0  # GET links nothing
    post(candidate, path)
    post(candidate, path)  # twice: still one link
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RecruiterLink.id))) == 1


def test_expired_and_revoked_links_say_so(app, accounts):
    recruiter = accounts.recruiter()
    expired = make_invite(recruiter, "old", "7")
    with app.app_context():
        invite = db.session.scalar(sa.select(Invite))
        invite.expires_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    response = app.test_client().get(expired)
    assert response.status_code == 410 and "has expired" in response.get_data(as_text=True)
    revoked = make_invite(recruiter, "new")
    with app.app_context():
        invite_id = db.session.scalar(sa.select(Invite.id).where(Invite.label == "new"))
    post(recruiter, f"/invites/{invite_id}/revoke")
    response = app.test_client().get(revoked)
    assert response.status_code == 410 and "withdrawn" in response.get_data(as_text=True)
    assert app.test_client().get("/i/not-a-real-token").status_code == 404


def test_revoked_link_does_not_link_at_signup(app, accounts):
    recruiter = accounts.recruiter()
    path = make_invite(recruiter)
    visitor = app.test_client()
    visitor.get(path)
    with app.app_context():
        db.session.scalar(sa.select(Invite)).revoked_at = utcnow()
        db.session.commit()
    post(visitor, "/signup", {"name": "N", "email": "n@example.com", "password": PASSWORD, "role": "candidate"})
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(RecruiterLink.id))) == 0


def test_recruiter_following_a_link_is_told_it_is_for_candidates(accounts):
    path = make_invite(accounts.recruiter())
    assert "This link is for candidates" in accounts.recruiter().get(path).get_data(as_text=True)
