"""Gunicorn settings for the benchmark: two sync workers, quiet."""
workers = 2
worker_class = "sync"
accesslog = None
errorlog = "-"
loglevel = "warning"
