"""Settings of a serving process, applied by gunicorn once a worker has loaded the app.

Python's cyclic garbage collector, left as it is, walks every live object now and then: the
app's modules, SQLAlchemy's mappers and caches, Jinja's templates, and that full walk lands
inside requests (docs/performance.md). Freezing what exists after start
up takes those objects out of every later collection; a larger first generation lets a request
that builds ~100,000 short-lived objects finish before most collections start.
"""

import gc

YOUNG_OBJECTS = 20_000  # Python's default is 700


def tune_garbage_collector() -> None:
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])


def post_worker_init(worker) -> None:
    """gunicorn's hook: after the worker has imported and created the app."""
    tune_garbage_collector()
