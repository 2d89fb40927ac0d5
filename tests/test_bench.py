"""A small run of the benchmark inside the suite, so it cannot rot. Figures are never asserted."""

import json
import os
import subprocess
import sys

EXPECTED = {
    "floor: 50 inbox rows, driver + template",
    "inbox page (50 rows)",
    "contact search, one word",
    "contact search, one word, one client",
    "contact page",
    "journal page (1000 entries)",
}


def test_benchmark_runs_and_writes_results(tmp_path):
    out = tmp_path / "results.json"
    env = {**os.environ, "BENCH_SCALE": "0.002", "BENCH_SECONDS": "0.5", "BENCH_OUT": str(out)}
    env.pop("DATABASE_URL", None)
    completed = subprocess.run(
        [sys.executable, "-m", "bench.run"], env=env, capture_output=True, text=True, timeout=300
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    rows = json.loads(out.read_text())
    assert EXPECTED <= {row["name"] for row in rows}
    assert any(row["name"].startswith("notify ") for row in rows)
    assert any(row["name"].startswith("outbox: ") and row["rps"] for row in rows)
    assert any(row["name"].startswith("import ") and row["rps"] for row in rows)
    assert any(row["name"].startswith("log-in during a ") and row["p95_ms"] for row in rows)
    for row in rows:
        assert set(row) == {"name", "p50_ms", "p95_ms", "rps", "floor_rps", "ratio"}
    assert "scenario" in completed.stdout and "ratio" in completed.stdout
