"""Fixtures: a fresh database per test, on SQLite always and on PostgreSQL when one answers."""

from __future__ import annotations

import os
import re
import uuid

import pytest
import sqlalchemy as sa

from journal import create_app, search
from journal.extensions import db
from journal.models import OutboxEmail, utcnow

PASSWORD = "correct horse battery staple"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def _probe_postgres() -> tuple[str | None, str]:
    """Create a throw-away database for this run; return its URL, or None and why."""
    base = os.environ.get("TEST_DATABASE_URL", DEFAULT_PG)
    try:
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
        name = f"journal_test_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        admin.dispose()
    except Exception as exc:  # any failure to reach or use the server means: skip the leg
        return None, f"PostgreSQL leg skipped: no server answers at {base} ({type(exc).__name__})"
    return sa.make_url(base).set(database=name).render_as_string(hide_password=False), ""


@pytest.fixture(scope="session")
def postgres_url():
    """URL of a per-run PostgreSQL database with the schema created; dropped at the end."""
    url, reason = _probe_postgres()
    if url is None:
        pytest.skip(reason)
    app = create_app(_config(url))
    with app.app_context():
        create_schema()
        db.engine.dispose()
    yield url
    admin = sa.create_engine(os.environ.get("TEST_DATABASE_URL", DEFAULT_PG), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)')
    admin.dispose()


def create_schema() -> None:
    """The models' tables plus the search table (which migrations make with their own DDL)."""
    db.create_all()
    with db.engine.begin() as connection:
        search.create_schema(connection)


# The PostgreSQL leg talks to a server whose session time zone is not UTC, so that any moment
# read or written without its zone shows up as hours off.
SERVER_TIME_ZONE = "America/New_York"


def _config(database_uri: str, **extra) -> dict:
    if database_uri.startswith("postgresql"):
        extra.setdefault(
            "SQLALCHEMY_ENGINE_OPTIONS",
            {"pool_pre_ping": True, "connect_args": {"options": f"-c TimeZone={SERVER_TIME_ZONE}"}},
        )
    return {
        "TESTING": True,
        "SECRET_KEY": "test-only-secret",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "RATELIMIT_STORAGE_URI": "memory://",
        "SIGNUP_LIMIT_PER_ADDRESS": "10000 per hour",  # tests sign up many accounts from one address
        "PASSWORD_HASHING": "cheap",  # test_auth pins the real profile
        **extra,
    }


@pytest.fixture(params=["sqlite", "postgresql"])
def database_uri(request, tmp_path):
    """Each test that uses the app runs once per database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'journal.sqlite'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture
def app(database_uri):
    app = create_app(_config(database_uri))
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            create_schema()
    yield app
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            with db.engine.begin() as conn:
                conn.exec_driver_sql(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(client, path: str = "/") -> str:
    """The CSRF token a page carries for htmx (every page has one)."""
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'"X-CSRFToken": "([^"]+)"', html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post(client, path: str, data: dict | None = None, **kwargs):
    """POST a form the way a browser does: with the page's CSRF token."""
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_token(client))
    return client.post(path, data=data, **kwargs)


def emailed_link(app, email: str, path_prefix: str) -> str:
    """The path of the newest link to ``path_prefix`` in an account email queued for this address."""
    with app.app_context():
        bodies = db.session.scalars(
            sa.select(OutboxEmail.body)
            .where(OutboxEmail.to_address == email.lower(), OutboxEmail.kind == "account")
            .order_by(OutboxEmail.id.desc())
        )
        for body in bodies:
            found = re.search(rf"https?://[^/\s]+({re.escape(path_prefix)}\S+)", body)
            if found:
                return found.group(1)
    raise AssertionError(f"no email to {email} with a link to {path_prefix}")


def verification_link(app, email: str) -> str:
    return emailed_link(app, email, "/verify/")


def text_of(page) -> str:
    """What a person reads on a page (HTML text or a response): the words, without the tags."""
    html = page if isinstance(page, str) else page.get_data(as_text=True)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _delivered(app, email: str) -> None:
    """Set-up: the verification email reached its owner, who followed its link; marked sent, so
    that tests of other emails see only theirs (tests/test_verification.py and the browser
    tests send it through the worker)."""
    with app.app_context():
        db.session.execute(
            sa.update(OutboxEmail)
            .where(OutboxEmail.kind == "account", OutboxEmail.to_address == email.lower())
            .values(state="sent", sent_at=utcnow())
        )
        db.session.commit()


class Accounts:
    """Sign up and log in users through the real forms."""

    def __init__(self, app):
        self.app = app

    def signup(self, role="candidate", email=None, name=None, password=PASSWORD, client=None, verified=True):
        """Sign up through the form; ``verified``: then follow the link the verification email carries."""
        client = client or self.app.test_client()
        email = email or f"{role}-{uuid.uuid4().hex[:8]}@example.com"
        response = post(
            client,
            "/signup",
            {"name": name or role.title() + " Person", "email": email, "password": password, "role": role},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        client.email = email
        if verified:
            assert client.get(verification_link(self.app, email)).status_code == 302
            _delivered(self.app, email)
        return client

    def candidate(self, **kwargs):
        return self.signup("candidate", **kwargs)

    def recruiter(self, **kwargs):
        return self.signup("recruiter", **kwargs)


@pytest.fixture
def accounts(app):
    return Accounts(app)


def add_recruiter(client, email: str, name: str = "Riley Recruiter", firm: str = "Acme Search"):
    """Put a recruiter on a candidate's list through the Recruiters page."""
    response = post(client, "/recruiters", {"name": name, "email": email, "firm": firm})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def notify(client, note: str = "", key: str | None = None):
    """Click "Notify my recruiters" with the key the page rendered (or a given one)."""
    html = client.get("/recruiters").get_data(as_text=True)
    rendered = re.search(r'name="idempotency_key" type="hidden" value="([^"]+)"', html)
    assert rendered, "no notify form on the Recruiters page"
    response = post(client, "/recruiters/notify", {"note": note, "idempotency_key": key or rendered.group(1)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response
