"""Default settings, the instance secret key, and database engine options."""

import os
import secrets
from pathlib import Path

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    # Contact imports (CSV, vCard) may be larger: 10,000 contacts fit in about 2 MB.
    "IMPORT_MAX_BYTES": 10 * 1024 * 1024,
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "journal_session",
    # Tokens live as long as the session; a page left open for hours still submits.
    "WTF_CSRF_TIME_LIMIT": None,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_HEADERS_ENABLED": True,
    "LOGIN_LIMIT_PER_ADDRESS": "30 per minute;300 per day",
    "LOGIN_LIMIT_PER_ACCOUNT": "5 per minute;50 per day",
    "SIGNUP_LIMIT_PER_ADDRESS": "20 per hour",
    "VERIFY_RESEND_LIMIT": "3 per hour",
    "RESET_LIMIT_PER_ADDRESS": "20 per hour",
    "RESET_LIMIT_PER_ACCOUNT": "3 per hour",
    # Seconds a SQLite writer waits for the lock before giving up.
    "SQLITE_BUSY_TIMEOUT": 30,
    # Absolute links in emails come from here, never from a request's Host header.
    "BASE_URL": "http://127.0.0.1:" + os.environ.get("PORT", "5000"),
    # Mail: SMTP when MAIL_SERVER is set, else .eml files in instance/mail/.
    "MAIL_SERVER": "",
    "MAIL_PORT": 25,
    "MAIL_USERNAME": "",
    "MAIL_PASSWORD": "",
    "MAIL_USE_TLS": False,
    "MAIL_USE_SSL": False,
    "MAIL_TIMEOUT": 10,
    "MAIL_DEFAULT_SENDER": "Career Journal <no-reply@career-journal.local>",
    "MAIL_BATCH": 100,
    # SMTP connections one worker sends over at once: building the next email overlaps the wait for replies.
    "MAIL_CONNECTIONS": 4,
    "MAIL_LEASE_SECONDS": 300,
    "MAIL_RETRY_BASE_SECONDS": 60,
    "MAIL_RETRY_MAX_SECONDS": 3600,
    "MAIL_MAX_AGE_HOURS": 72,
    "CLAIM_DAYS": 30,
    # SQLite: seconds an import leaves the write lock free after each chunk of 500 rows, so that
    # log-ins and notifies waiting for it get in (journal/imports/runner.py).
    "IMPORT_PAUSE_SECONDS": 0.05,
    # argon2id parameters (journal/auth/passwords.py); only the test suite uses another profile.
    "PASSWORD_HASHING": "rfc9106",
}


def load_secret_key(instance_path: str) -> str:
    """Return the instance's secret key, creating it atomically on first use."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
    tmp.write_text(secrets.token_urlsafe(48))
    os.chmod(tmp, 0o600)
    try:
        # link() fails when another process won the race; then we read its key.
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return path.read_text().strip()


def engine_options(uri: str) -> dict:
    """A server database's pooled connections are tested before use (the server may have
    restarted); a SQLite file's cannot go stale, and the test would cost a statement per request."""
    return {} if uri.startswith("sqlite") else {"pool_pre_ping": True}


def database_uri(instance_path: str, configured: str | None) -> str:
    """Pick the database: DATABASE_URL when set, else SQLite in the instance folder."""
    if configured:
        if configured.startswith("postgres://"):
            configured = "postgresql+psycopg://" + configured[len("postgres://") :]
        elif configured.startswith("postgresql://"):
            configured = "postgresql+psycopg://" + configured[len("postgresql://") :]
        return configured
    Path(instance_path).mkdir(parents=True, exist_ok=True)
    return "sqlite:///" + str(Path(instance_path) / "journal.sqlite")
