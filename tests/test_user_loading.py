"""The logged-in user is one ORM select by its session token: a loaded object of the request's session."""

from datetime import date, datetime

import sqlalchemy as sa

from journal.auth.sessions import load_user, start_session
from journal.extensions import db
from journal.models import RECRUITER, LoginSession, User


def _user_with_session() -> tuple[int, str]:
    user = User(
        email="riley@example.com",
        name="Riley",
        password_hash="x",
        role=RECRUITER,
        email_updates=False,
        digest_day=4,
        digest_sent_on=date(2026, 5, 6),
        timezone="Europe/Paris",
    )
    start_session(user)
    db.session.commit()
    found = user.id, user.session_token
    db.session.remove()
    return found


def test_the_user_comes_back_with_its_stored_values_decoded(app):
    with app.app_context():
        user_id, token = _user_with_session()
        user = load_user(token)
        assert (user.id, user.email, user.role, user.timezone) == (
            user_id,
            "riley@example.com",
            RECRUITER,
            "Europe/Paris",
        )
        assert user.email_updates is False and user.digest_day == 4 and user.digest_sent_on == date(2026, 5, 6)
        assert isinstance(user.created_at, datetime) and user.get_id() == token
        assert user in db.session and not db.session.dirty  # loaded, not changed


def test_the_loaded_user_is_the_sessions_own_changes_are_saved_and_relations_load(app):
    with app.app_context():
        user_id, token = _user_with_session()
        user = load_user(token)
        assert db.session.get(User, user_id) is user
        assert user.profile is None  # a relationship loads lazily, as on any loaded object
        user.name = "Riley R."
        db.session.commit()
        db.session.remove()
        assert db.session.scalar(sa.select(User.name).where(User.id == user_id)) == "Riley R."


def test_an_object_the_session_holds_already_is_the_one_returned(app):
    with app.app_context():
        user_id, token = _user_with_session()
        held = db.session.get(User, user_id)
        held.name = "Unsaved"
        assert load_user(token) is held and held.name == "Unsaved"


def test_an_unknown_or_ended_session_loads_nobody(app):
    with app.app_context():
        _, token = _user_with_session()
        assert load_user("") is None and load_user("not-a-token") is None
        db.session.execute(sa.delete(LoginSession))
        db.session.commit()
        assert load_user(token) is None
