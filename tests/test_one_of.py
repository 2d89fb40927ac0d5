"""one_of: an IN list, sent on PostgreSQL as one array parameter."""

import sqlalchemy as sa

from journal.database import one_of
from journal.extensions import db
from journal.models import RECRUITER, User


def test_one_of_selects_updates_and_matches_what_in_would(app):
    with app.app_context():
        db.session.add_all(
            [User(email=f"u{n}@example.com", name=f"U{n}", password_hash="x", role=RECRUITER) for n in range(600)]
        )
        db.session.flush()
        ids = list(db.session.scalars(sa.select(User.id).order_by(User.id)))
        wanted = ids[::2][:500] + [10**9]  # one id that no row has
        found = list(db.session.scalars(sa.select(User.id).where(one_of(User.id, wanted)).order_by(User.id)))
        assert found == ids[::2][:500]
        assert found == list(db.session.scalars(sa.select(User.id).where(User.id.in_(wanted)).order_by(User.id)))
        emails = list(db.session.scalars(sa.select(User.email).where(one_of(User.email, ["u3@example.com", "x@y"]))))
        assert emails == ["u3@example.com"]
        assert db.session.scalars(sa.select(User.id).where(one_of(User.id, []))).all() == []
        changed = db.session.execute(sa.update(User).where(one_of(User.id, ids[:3])).values(name="Renamed")).rowcount
        assert changed == 3
        assert db.session.scalar(sa.select(sa.func.count()).where(User.name == "Renamed")) == 3
        db.session.rollback()


def test_on_postgresql_the_values_are_one_parameter(app):
    with app.app_context():
        statement = sa.select(User.id).where(one_of(User.id, range(500)))
        compiled = statement.compile(dialect=db.engine.dialect)
        if db.engine.dialect.name == "postgresql":
            assert "= ANY (" in compiled.string and len(compiled.params) == 1, compiled.string
        else:
            assert " IN (" in compiled.string, compiled.string
