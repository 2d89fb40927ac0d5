"""Sign up, log in, log out, sessions and rate limits."""

import re

import pytest
import sqlalchemy as sa

from journal.config import DEFAULTS
from journal.extensions import db
from journal.models import LoginSession, User
from tests.conftest import PASSWORD, post


def signup_data(**overrides):
    data = {"name": "Ada Lovelace", "email": "ada@example.com", "password": PASSWORD, "role": "candidate"}
    data.update(overrides)
    return data


def test_home_links_visitors_to_signup_and_login(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/signup"' in html and ">Sign up<" in html
    assert 'href="/login"' in html and ">Log in<" in html


def test_signup_form_has_the_named_labels(client):
    html = client.get("/signup").get_data(as_text=True)
    for label in ("Name", "Email", "Password", "Candidate", "Recruiter"):
        assert re.search(rf"<label[^>]*>{label}</label>", html), label
    assert '<button type="submit">Sign up</button>' in html


def test_signup_creates_account_and_logs_in(client, app):
    response = post(client, "/signup", signup_data(email="  Ada@Example.COM "))
    assert response.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert "Hello, Ada Lovelace" in home and ">Journal<" in home
    with app.app_context():
        user = db.session.scalar(sa.select(User))
        assert user.email == "ada@example.com"
        assert user.profile.email == "ada@example.com" and user.profile.name == "Ada Lovelace"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "Enter your name."),
        ({"email": ""}, "Enter your email."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"password": "short1"}, "Use at least 8 characters."),
        ({"password": "password1"}, "This password is too common."),
        ({"password": "ada@example.com"}, "Do not use your name or email"),
        ({"role": ""}, "Choose Candidate or Recruiter."),
        ({"role": "admin"}, "Not a valid choice"),
    ],
)
def test_signup_validation_keeps_input_and_explains(client, overrides, message):
    response = post(client, "/signup", signup_data(**overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    if overrides.get("name") != "":
        assert 'value="Ada Lovelace"' in html  # what was typed is kept


def test_long_passwords_are_accepted(client):
    response = post(client, "/signup", signup_data(password="x" * 40 + " a long passphrase " + "y" * 40))
    assert response.status_code == 302


def test_email_is_unique_case_insensitively(client, accounts):
    accounts.candidate(email="taken@example.com")
    response = post(client, "/signup", signup_data(email="TAKEN@example.com"))
    assert response.status_code == 422
    assert "An account with this email already exists" in response.get_data(as_text=True)


def test_password_is_stored_with_pinned_argon2id_parameters(app, accounts):
    app.config["PASSWORD_HASHING"] = DEFAULTS["PASSWORD_HASHING"]  # the real default
    accounts.candidate(email="hash@example.com")
    with app.app_context():
        stored = db.session.scalar(sa.select(User.password_hash))
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert PASSWORD not in stored


def test_a_hash_of_another_profile_is_upgraded_at_the_next_log_in(app, accounts):
    accounts.candidate(email="old@example.com")  # hashed with the tests' cheap profile
    app.config["PASSWORD_HASHING"] = "rfc9106"
    assert post(app.test_client(), "/login", {"email": "old@example.com", "password": PASSWORD}).status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(User.password_hash)).startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_unknown_email_and_wrong_password_answer_alike(client, accounts):
    accounts.candidate(email="known@example.com")
    wrong = post(client, "/login", {"email": "known@example.com", "password": "not the password"})
    unknown = post(client, "/login", {"email": "nobody@example.com", "password": "not the password"})
    assert wrong.status_code == unknown.status_code == 422
    strip = lambda r: re.sub(r'value="[^"]*"', "", r.get_data(as_text=True))  # typed email and token differ
    strip_token = lambda t: re.sub(r'"X-CSRFToken": "[^"]+"', "", t)
    assert strip_token(strip(wrong)) == strip_token(strip(unknown))
    assert "Incorrect email or password." in wrong.get_data(as_text=True)


def test_login_starts_a_new_session(app, accounts):
    client = app.test_client()
    accounts.candidate(email="fresh@example.com")
    before = csrf = None
    from tests.conftest import csrf_token

    csrf = csrf_token(client, "/login")
    before = client.get_cookie("journal_session").value
    response = client.post("/login", data={"email": "fresh@example.com", "password": PASSWORD, "csrf_token": csrf})
    assert response.status_code == 302
    after = client.get_cookie("journal_session").value
    assert after != before
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(LoginSession.id))) == 2  # sign-up + this login


def test_logout_ends_the_session_on_the_server(app, accounts):
    client = accounts.candidate(email="leaver@example.com")
    copied = client.get_cookie("journal_session").value
    assert post(client, "/logout").status_code == 302
    assert client.get("/journal").status_code == 302  # sent to log in
    replay = app.test_client()
    replay.set_cookie("journal_session", copied)
    response = replay.get("/journal")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_logout_requires_post(client, accounts):
    client = accounts.candidate()
    assert client.get("/logout").status_code == 405
    assert client.get("/journal").status_code == 200


def test_next_parameter_only_allows_local_paths(client, accounts):
    accounts.candidate(email="nav@example.com")
    response = post(client, "/login?next=//evil.example.com/x", {"email": "nav@example.com", "password": PASSWORD})
    assert response.headers["Location"] == "/"
    post(client, "/logout")
    response = post(client, "/login?next=/journal", {"email": "nav@example.com", "password": PASSWORD})
    assert response.headers["Location"] == "/journal"


def test_roles_see_their_own_navigation(accounts):
    candidate = accounts.candidate().get("/").get_data(as_text=True)
    recruiter = accounts.recruiter().get("/").get_data(as_text=True)
    assert ">Journal<" in candidate and ">Profile<" in candidate
    assert ">Journal<" not in recruiter and ">Profile<" not in recruiter
    assert "recruiter" in recruiter


def test_recruiters_cannot_open_candidate_pages(accounts):
    recruiter = accounts.recruiter()
    for path in ("/profile", "/journal", "/journal/new", "/journal/export.json", "/journal/import"):
        assert recruiter.get(path).status_code == 404, path
