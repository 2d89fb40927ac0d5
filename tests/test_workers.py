"""Serving processes: once a worker has loaded the app, it is frozen out of garbage collections."""

import subprocess
import sys
from pathlib import Path

import pytest

from journal.workers import YOUNG_OBJECTS

ROOT = Path(__file__).resolve().parent.parent
# run in a process of its own: the hook changes the interpreter's collector for good
PROBE = """
import gc, runpy, sys
settings = runpy.run_path(sys.argv[1])
before = gc.get_freeze_count()
settings["post_worker_init"](None)
print(before, gc.get_freeze_count(), gc.get_threshold()[0])
"""


@pytest.mark.parametrize("settings", ["gunicorn.conf.py", "bench/gunicorn_bench.py"])
def test_each_gunicorn_configuration_tunes_the_collector_after_the_app_loads(settings):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, str(ROOT / settings)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    before, frozen, young = map(int, result.stdout.split())
    assert before == 0 and frozen > 10_000  # the modules and objects alive at that point
    assert young == YOUNG_OBJECTS
