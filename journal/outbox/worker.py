"""The outbox worker: claim a batch with a lease, send it over a few SMTP connections, record each result.

Several workers may run at once. On PostgreSQL the claim selects with FOR UPDATE SKIP LOCKED;
on SQLite the claiming transaction holds the write lock (BEGIN IMMEDIATE) and the UPDATE is
conditional, so no row is taken twice. A worker that dies leaves its rows 'sending' until
their lease runs out; then any worker takes them again.
"""

from __future__ import annotations

import logging
import queue
import random
import threading
import time
import uuid
from datetime import datetime, timedelta
from typing import Callable

import sqlalchemy as sa
from flask import Flask

from journal.extensions import db
from journal.mail import Backend, DeliveryError, backend_for
from journal.models import OutboxEmail, utcnow
from journal.models.outbox import FAILED, PENDING, SENDING, SENT
from journal.outbox.batch import BatchItem, plan_batch
from journal.outbox.emails import PreparedUpdate

log = logging.getLogger("journal.outbox")


def retry_delay(attempts: int, base: float, cap: float, rand: Callable[[], float] = random.random) -> timedelta:
    """Exponential backoff with jitter: base·2^(n-1), capped, then scaled by 0.5–1.0."""
    delay = min(cap, base * 2 ** max(0, attempts - 1))
    return timedelta(seconds=delay * (0.5 + rand() / 2))


class Worker:
    """Sends what the outbox holds; ``clock`` and ``backend`` can be replaced in tests."""

    def __init__(
        self,
        app: Flask,
        backend: Backend | None = None,
        worker_id: str | None = None,
        clock: Callable[[], datetime] = utcnow,
    ):
        self.app = app
        self.backend = backend or backend_for(app)
        self.worker_id = worker_id or f"worker-{uuid.uuid4().hex[:12]}"
        self.clock = clock
        config = app.config
        self.batch = int(config["MAIL_BATCH"])
        self.connections = max(1, int(config["MAIL_CONNECTIONS"]))
        self.lease = timedelta(seconds=float(config["MAIL_LEASE_SECONDS"]))
        self.max_age = timedelta(hours=float(config["MAIL_MAX_AGE_HOURS"]))
        self.base_delay = float(config["MAIL_RETRY_BASE_SECONDS"])
        self.max_delay = float(config["MAIL_RETRY_MAX_SECONDS"])
        self._prepared: dict[int, PreparedUpdate] = {}  # update id -> parts shared by its emails

    def claim(self) -> list[int]:
        """Take up to one batch of ready rows for this worker, committing the claim."""
        now = self.clock()
        ready = sa.or_(
            sa.and_(OutboxEmail.state == PENDING, OutboxEmail.next_attempt_at <= now),
            sa.and_(OutboxEmail.state == SENDING, OutboxEmail.lease_until < now),
        )
        ids = list(
            db.session.scalars(
                sa.select(OutboxEmail.id)
                .where(ready)
                .order_by(OutboxEmail.id)
                .limit(self.batch)
                .with_for_update(skip_locked=True)
            )
        )
        if ids:
            db.session.execute(
                sa.update(OutboxEmail)
                .where(OutboxEmail.id.in_(ids), ready)
                .values(
                    state=SENDING,
                    locked_by=self.worker_id,
                    lease_until=now + self.lease,
                    attempts=OutboxEmail.attempts + 1,
                )
            )
            ids = list(
                db.session.scalars(
                    sa.select(OutboxEmail.id).where(
                        OutboxEmail.id.in_(ids), OutboxEmail.locked_by == self.worker_id, OutboxEmail.state == SENDING
                    )
                )
            )
        db.session.commit()
        return ids

    def run_once(self) -> int:
        """Send until nothing is ready now; return how many emails were sent."""
        sent = 0
        while True:
            ids = self.claim()
            if not ids:
                return sent
            sent += self._send_batch(ids)

    def run_forever(self, poll_seconds: float = 2.0, should_stop: Callable[[], bool] = lambda: False) -> None:
        """Send as emails arrive; once a minute, queue the weekly digests that are due; run contact
        imports on a thread of their own, so that a long one does not hold up the emails."""
        from journal.followups.digest import queue_digests

        imports = threading.Thread(
            target=self.run_imports_forever,
            args=(poll_seconds, should_stop),
            name=f"{self.worker_id}-imports",
            daemon=True,
        )
        imports.start()
        next_digest_check = 0.0
        while not should_stop():
            if time.monotonic() >= next_digest_check:
                queue_digests(self.clock())
                next_digest_check = time.monotonic() + 60
            if not self.run_once():
                time.sleep(poll_seconds)
        imports.join()

    def run_imports(self) -> int:
        """Run the phase of every import waiting for a worker (in its own application context)."""
        from journal.imports.runner import run_waiting

        with self.app.app_context():
            try:
                return run_waiting()
            finally:
                db.session.remove()

    def run_imports_forever(self, poll_seconds: float, should_stop: Callable[[], bool]) -> None:
        while not should_stop():
            try:
                ran = self.run_imports()
            except Exception:  # the database went away a moment: look again at the next poll
                log.exception("Import runner stopped")
                ran = 0
            if not ran:
                time.sleep(poll_seconds)

    def _send_batch(self, ids: list[int]) -> int:
        """Send one claimed batch over up to MAIL_CONNECTIONS connections at once, recording results
        every few emails. Lanes only build and send; this thread alone writes to the database."""
        rows = (
            db.session.execute(
                sa.select(OutboxEmail)
                .where(OutboxEmail.id.in_(ids))
                .order_by(OutboxEmail.id)
                .execution_options(populate_existing=True)
            )
            .scalars()
            .all()
        )
        batch = plan_batch(rows, self._prepared)
        db.session.commit()  # claims made for recipients without an account
        results = Results(self.worker_id)
        lanes = [batch[n :: self.connections] for n in range(min(self.connections, len(batch)))]
        reported: queue.Queue = queue.Queue()
        threads = [threading.Thread(target=self._send_lane, args=(lane, reported), daemon=True) for lane in lanes]
        for thread in threads:
            thread.start()
        try:
            for _ in batch:
                outcome, email_id, values = reported.get()
                results.add(outcome, email_id, **values)
                if len(results) >= RECORD_EVERY:
                    results.flush()
        finally:
            for thread in threads:
                thread.join()
            results.flush()
        return results.sent

    def _send_lane(self, items: list[BatchItem], reported: "queue.Queue") -> None:
        """Send these emails over one connection; report exactly one result per email."""
        lane = LaneResults(reported)
        pending = list(items)
        with self.app.app_context():
            try:
                connection = self.backend.connect()
                try:
                    while pending:
                        self._send_one(connection, pending[0], lane)
                        pending.pop(0)
                finally:
                    connection.close()
            except Exception as error:  # the connection itself failed: what is left is tried again later
                log.exception("Outbox lane stopped")
                for item in pending:
                    self._failed(item, DeliveryError(f"connection failed: {error}", permanent=False), lane)

    def _send_one(self, connection, item: BatchItem, results: "LaneResults") -> None:
        try:
            connection.send(item.build())
        except DeliveryError as error:
            self._failed(item, error, results)
        except Exception as error:  # a message we cannot build will not build on a retry either
            log.exception("Could not compose outbox email %s", item.id)
            self._failed(item, DeliveryError(f"could not compose the email: {error}", permanent=True), results)
        else:
            results.add("sent", item.id, state=SENT, sent_at=self.clock(), lease_until=None, last_error="")

    def _failed(self, item: BatchItem, error: DeliveryError, results: "LaneResults") -> None:
        now = self.clock()
        next_at = now + retry_delay(item.attempts, self.base_delay, self.max_delay)
        if error.permanent or next_at - item.created_at > self.max_age:
            reason = error.reason if error.permanent else f"gave up after {item.attempts} attempts: {error.reason}"
            log.warning("Email %s failed: %s", item.id, reason)
            results.add("failed", item.id, state=FAILED, last_error=reason[:500], lease_until=None)
        else:
            results.add(
                "retry", item.id, state=PENDING, next_attempt_at=next_at, last_error=error.reason, lease_until=None
            )


class LaneResults:
    """A lane's results, handed to the thread that writes them."""

    def __init__(self, reported: "queue.Queue"):
        self.reported = reported

    def add(self, outcome: str, email_id: int, **values) -> None:
        self.reported.put((outcome, email_id, values))


# Results are written in small groups: a worker that dies may send up to this many emails
# again once their lease runs out (the at-least-once guarantee in the README).
RECORD_EVERY = 20


class Results:
    """Send results waiting to be written, grouped by outcome for executemany updates."""

    def __init__(self, worker_id: str):
        self.worker_id = worker_id
        self.pending: dict[str, list[dict]] = {}
        self.sent = 0

    def __len__(self) -> int:
        return sum(map(len, self.pending.values()))

    def add(self, outcome: str, email_id: int, **values) -> None:
        self.pending.setdefault(outcome, []).append({"b_id": email_id, **values})
        self.sent += outcome == "sent"

    def flush(self) -> None:
        """Write the results, each only while this worker still holds the row's lease."""
        table = OutboxEmail.__table__  # Core: an executemany keyed by id, plus the lease condition
        for rows in self.pending.values():
            columns = {name: sa.bindparam(name) for name in rows[0] if name != "b_id"}
            db.session.execute(
                sa.update(table)
                .where(table.c.id == sa.bindparam("b_id"), table.c.locked_by == self.worker_id)
                .values(columns),
                rows,
            )
        self.pending.clear()
        db.session.commit()
