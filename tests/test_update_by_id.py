"""update_by_id: rows sharing their values go out as one statement, the rest as one executemany."""

import sqlalchemy as sa

from journal.contacts.merging import update_by_id
from journal.extensions import db
from journal.models import RECRUITER, Contact, User


def contacts(n: int) -> list[int]:
    user = User(email="riley@example.com", name="Riley", password_hash="x", role=RECRUITER)
    db.session.add(user)
    db.session.flush()
    db.session.execute(
        sa.insert(Contact.__table__),
        [
            {
                "recruiter_id": user.id,
                "name": f"C{i}",
                "email": f"c{i}@example.com",
                "kind": "candidate",
                "tags": [],
                "manual_fields": [],
            }
            for i in range(n)
        ],
    )
    return list(db.session.scalars(sa.select(Contact.id).order_by(Contact.id)))


def counted(action) -> int:
    seen = []
    listener = lambda *args: seen.append(args[2])  # noqa: E731
    sa.event.listen(db.engine, "before_cursor_execute", listener)
    try:
        action()
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", listener)
    return len([statement for statement in seen if statement.lstrip().upper().startswith("UPDATE")])


def stored() -> dict[int, tuple]:
    return {
        row.id: (row.title, tuple(row.tags))
        for row in db.session.execute(sa.select(Contact.id, Contact.title, Contact.tags))
    }


def test_rows_with_the_same_values_are_one_statement_and_the_rest_one_executemany(app):
    with app.app_context():
        ids = contacts(40)
        rows = [{"id": i, "title": "Director", "tags": ["a", "b"]} for i in ids[:30]]  # the common case
        rows += [{"id": i, "title": f"Title {i}", "tags": ["a", "b"]} for i in ids[30:]]  # each its own
        assert counted(lambda: update_by_id(Contact, rows)) == 2
        assert stored() == {row["id"]: (row["title"], ("a", "b")) for row in rows}


def test_json_values_group_by_their_content_and_type(app):
    with app.app_context():
        ids = contacts(20)
        rows = [{"id": i, "title": "Same", "tags": ["x"] if n % 2 else ["x", "y"]} for n, i in enumerate(ids)]
        assert counted(lambda: update_by_id(Contact, rows)) == 2  # two groups of ten, one statement each
        assert stored() == {row["id"]: ("Same", tuple(row["tags"])) for row in rows}


def test_small_groups_do_not_multiply_statements(app):
    with app.app_context():
        ids = contacts(60)
        rows = [{"id": i, "title": f"Pair {n // 2}", "tags": []} for n, i in enumerate(ids)]  # 30 groups of two
        assert counted(lambda: update_by_id(Contact, rows)) == 1  # none holds a tenth of the rows
        assert stored() == {row["id"]: (row["title"], ()) for row in rows}
        assert counted(lambda: update_by_id(Contact, [])) == 0
