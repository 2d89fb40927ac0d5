"""Gunicorn settings for the benchmark: two sync workers, quiet."""

workers = 2
worker_class = "sync"
accesslog = None
errorlog = "-"
loglevel = "warning"

# as in gunicorn.conf.py: the app frozen out of garbage collections once loaded
from journal.workers import post_worker_init  # noqa: E402,F401
