"""Login attempts are limited per address and per account, in memory or in shared Redis."""

import uuid

import pytest

from journal import create_app
from journal.extensions import db
from tests.conftest import PASSWORD, _config, csrf_token


def attempt(client, email, password="wrong password!", address="10.0.0.1"):
    token = csrf_token(client, "/login")
    return client.post(
        "/login",
        data={"email": email, "password": password, "csrf_token": token},
        environ_base={"REMOTE_ADDR": address},
    )


def test_failures_slow_down_that_account_from_that_client_only(app, accounts):
    """A stranger who knows an email cannot lock its owner out (#15): the failures count per
    account and client address; the owner, elsewhere, still logs in."""
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "3 per minute"
    accounts.candidate(email="target@example.com")
    client = app.test_client()
    for _ in range(3):
        assert attempt(client, "target@example.com", address="10.0.0.66").status_code == 422
    blocked = attempt(client, "Target@example.com", address="10.0.0.66")
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    # from that client even the right password waits
    assert attempt(client, "target@example.com", PASSWORD, address="10.0.0.66").status_code == 429
    # the owner, from another address, gets in; other accounts from the stranger's address are unaffected
    assert attempt(app.test_client(), "target@example.com", PASSWORD, address="10.0.0.1").status_code == 302
    assert attempt(client, "other@example.com", address="10.0.0.66").status_code == 422


def test_successful_logins_do_not_count_against_the_account(app, accounts):
    app.config["LOGIN_LIMIT_PER_ACCOUNT"] = "2 per minute"
    accounts.candidate(email="often@example.com")
    for _ in range(4):
        client = app.test_client()
        assert attempt(client, "often@example.com", PASSWORD).status_code == 302


def test_per_address_limit(app):
    app.config["LOGIN_LIMIT_PER_ADDRESS"] = "4 per minute"
    client = app.test_client()
    for n in range(4):
        assert attempt(client, f"user{n}@example.com", address="192.0.2.7").status_code == 422
    assert attempt(client, "user9@example.com", address="192.0.2.7").status_code == 429
    assert attempt(client, "user9@example.com", address="192.0.2.8").status_code == 422


def _redis_url():
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/0"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except Exception as exc:
        pytest.skip(f"Redis leg skipped: no server at {url} ({type(exc).__name__})")
    return url


def test_limit_is_shared_between_processes_through_redis(tmp_path):
    """Two app instances (as two gunicorn workers would be) count against one Redis store."""
    url = _redis_url()
    prefix = f"test-{uuid.uuid4().hex}"
    database = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    apps = [
        create_app(
            _config(
                database, RATELIMIT_STORAGE_URI=url, RATELIMIT_KEY_PREFIX=prefix, LOGIN_LIMIT_PER_ADDRESS="3 per minute"
            )
        )
        for _ in range(2)
    ]
    with apps[0].app_context():
        db.create_all()
    codes = []
    for n in range(4):
        # alternate "workers"; each app re-binds the shared limiter to its own settings
        app = apps[n % 2]
        from journal.extensions import limiter

        limiter.init_app(app)
        codes.append(attempt(app.test_client(), "who@example.com", address="198.51.100.1").status_code)
    assert codes == [422, 422, 422, 429]


def test_every_limit_guards_a_state_change_so_reads_may_skip_the_limiter(app):
    """Reads skip the limiter (journal.extensions._reading): a limit on GET would never apply."""
    from flask_limiter.util import get_qualified_name

    from journal.extensions import limiter

    with app.test_request_context():
        limited = {
            endpoint: limiter.limit_manager.decorated_limits(get_qualified_name(view))
            for endpoint, view in app.view_functions.items()
        }
        assert not limiter.limit_manager.default_limits and not limiter.limit_manager.application_limits
        methods = {
            endpoint: {method.upper() for limit in limits for method in (limit.methods or ["ANY"])}
            for endpoint, limits in limited.items()
            if limits
        }
    assert methods == {
        "auth.signup": {"POST"},
        "auth.login": {"POST"},
        "auth.forgot_password": {"POST"},
        "auth.resend_verification": {"POST"},
    }
