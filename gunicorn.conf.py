"""Gunicorn settings for `make run` and deployments."""

import os

# One worker with threads by default: the in-memory login rate limit is then exact.
# For several workers, share the limiter's storage: JOURNAL_RATELIMIT_STORAGE_URI=redis://…
workers = int(os.environ.get("WEB_CONCURRENCY", "1"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
accesslog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    """Refuse several workers with a per-process rate-limit store."""
    storage = os.environ.get("JOURNAL_RATELIMIT_STORAGE_URI", "memory://")
    if workers > 1 and storage.startswith("memory://"):
        raise SystemExit(
            "Several workers need a shared rate-limit store: set JOURNAL_RATELIMIT_STORAGE_URI=redis://127.0.0.1:6379"
        )


# after the app is loaded: freeze it out of garbage collections (see journal/workers.py)
from journal.workers import post_worker_init  # noqa: E402,F401
