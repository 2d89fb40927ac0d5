"""A small HTTP load generator: keep-alive connections in threads, latencies per request."""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlencode


@dataclass
class Result:
    name: str
    p50_ms: float | None
    p95_ms: float | None
    rps: float | None

    @classmethod
    def of(cls, name: str, latencies: list[float], elapsed: float | None) -> "Result":
        ordered = sorted(latencies)
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] if ordered else None
        return cls(
            name,
            round(statistics.median(ordered) * 1000, 2) if ordered else None,
            round(p95 * 1000, 2) if p95 is not None else None,
            round(len(ordered) / elapsed, 1) if elapsed else None,
        )


class Session:
    """A logged-in browser, reduced to a cookie and a keep-alive connection."""

    def __init__(self, port: int):
        self.port = port
        self.cookie = ""
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str]:
        body = urlencode(form, doseq=True) if form is not None else None
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode()
        cookie = response.getheader("Set-Cookie")
        if cookie:
            self.cookie = cookie.split(";", 1)[0]
        return response.status, text

    def token(self, path: str) -> str:
        return re.search(r'"X-CSRFToken": "([^"]+)"', self.request("GET", path)[1]).group(1)

    def login(self, email: str, password: str) -> "Session":
        status, _ = self.request(
            "POST", "/login", {"email": email, "password": password, "csrf_token": self.token("/login")}
        )
        assert status == 302, f"login failed for {email}: {status}"
        return self

    def clone(self) -> "Session":
        other = Session(self.port)
        other.cookie = self.cookie
        return other


def hammer(name: str, sessions: list[Session], path: str, seconds: float, max_requests: int) -> Result:
    """GET a path from every session in parallel for a while; latency of each request."""
    latencies: list[float] = []
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def run(session: Session):
        mine = []
        while time.perf_counter() < deadline and len(mine) < max_requests // len(sessions):
            started = time.perf_counter()
            status, _ = session.request("GET", path)
            assert status == 200, f"{path}: {status}"
            mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=run, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result.of(name, latencies, time.perf_counter() - started)
