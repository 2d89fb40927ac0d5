"""Prepared statements: compiled once per dialect, run on the driver's cursor in the session's transaction."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from journal.database import Prepared
from journal.extensions import db
from journal.models import CANDIDATE, RECRUITER, User

# a bound parameter, a value fixed in the statement (the LIMIT) and a literal comparison
BY_ROLE = Prepared(sa.select(User.email, User.digest_day).where(User.role == sa.bindparam("role"))
                   .order_by(User.email).limit(2))


def _user(email: str, role: str) -> User:
    user = User(email=email, name=email, password_hash="x", role=role, digest_day=3)
    db.session.add(user)
    return user


def test_rows_are_the_driver_values_sqlalchemy_would_select(app):
    with app.app_context():
        for email in ("c@example.com", "a@example.com", "b@example.com"):
            _user(email, RECRUITER)
        _user("z@example.com", CANDIDATE)
        db.session.commit()
        expected = [tuple(row) for row in db.session.execute(BY_ROLE.statement, {"role": RECRUITER})]
        assert BY_ROLE.rows({"role": RECRUITER}) == expected == [("a@example.com", 3), ("b@example.com", 3)]
        assert BY_ROLE.rows({"role": CANDIDATE}) == [("z@example.com", 3)]
        assert db.engine.dialect.name in BY_ROLE._compiled  # compiled once, kept for the next call


def test_pending_changes_of_the_session_are_seen_and_stay_in_its_transaction(app):
    with app.app_context():
        _user("new@example.com", RECRUITER)  # not flushed yet
        assert BY_ROLE.rows({"role": RECRUITER}) == [("new@example.com", 3)]
        db.session.rollback()
        assert BY_ROLE.rows({"role": RECRUITER}) == []


@pytest.mark.parametrize("value", [None, 1.5, ["recruiter"]])
def test_only_ints_and_strings_are_taken_as_parameters(app, value):
    with app.app_context(), pytest.raises(TypeError, match="role: a prepared statement takes ints and strings"):
        BY_ROLE.rows({"role": value})


def test_a_value_fixed_in_the_statement_must_be_plain_too(app):
    since = Prepared(sa.select(User.email).where(User.created_at > datetime(2026, 1, 1, tzinfo=timezone.utc)))
    with app.app_context(), pytest.raises(TypeError, match="a prepared statement takes ints and strings, not datetime"):
        since.rows({})
