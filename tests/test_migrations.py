"""Migrations produce exactly the models' schema, on SQLite and on PostgreSQL."""

import os
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from journal import create_app
from journal.extensions import db
from journal.search import TABLE, include_object
from tests.conftest import DEFAULT_PG, _config


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_database(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite'}"
        return
    request.getfixturevalue("postgres_url")  # skips with the reason when no server answers
    base = os.environ.get("TEST_DATABASE_URL", DEFAULT_PG)
    name = f"journal_mig_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    yield sa.make_url(base).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


def schema_differences(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": True, "include_object": include_object}
        )
        return compare_metadata(context, db.metadata)


def test_migrations_match_the_models(empty_database):
    app = create_app(_config(empty_database))
    with app.app_context():
        upgrade()
        assert schema_differences(app) == []
        assert sa.inspect(db.engine).has_table(TABLE)  # made by its own DDL
        downgrade(revision="base")
        upgrade()
        assert schema_differences(app) == []
        db.engine.dispose()
