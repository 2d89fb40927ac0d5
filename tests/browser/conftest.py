"""Browser fixtures: the real app on a loopback port, driven by Debian's Chromium through Playwright."""

import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from journal import create_app
from journal.extensions import db
from journal.outbox.worker import Worker
from tests.browser.helpers import MAILBOXES

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if path:
        return path
    message = "Browser tests skipped: no chromium binary (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(message.replace("skipped", "cannot run in CI"))
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class LiveServer:
    """The app served by a real HTTP server in a thread, with its own SQLite database, and the
    background worker (emails to .eml files, imports) in another, as `make run` starts them."""

    def __init__(self, database_uri: str, mail_dir: str):
        self.app = create_app(
            {
                "SECRET_KEY": "browser-tests",
                "SQLALCHEMY_DATABASE_URI": database_uri,
                "MAIL_FILE_DIR": mail_dir,
                "PASSWORD_HASHING": "cheap",
            }
        )
        with self.app.app_context():
            from flask_migrate import upgrade

            upgrade()
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        MAILBOXES[self.url] = Path(mail_dir)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.stopping = threading.Event()
        self.worker = threading.Thread(target=self._work, daemon=True)

    def _work(self):
        with self.app.app_context():
            Worker(self.app).run_forever(poll_seconds=0.2, should_stop=self.stopping.is_set)

    def __enter__(self):
        self.thread.start()
        self.worker.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.worker.join(30)
        self.server.shutdown()
        self.thread.join(5)
        self.server.server_close()
        with self.app.app_context():
            db.engine.dispose()


@pytest.fixture
def live_server(tmp_path):
    with LiveServer(f"sqlite:///{tmp_path / 'browser.sqlite'}", str(tmp_path / "mail")) as server:
        yield server


class PageWatcher:
    """Collects what a page reports that a person would call broken: CSP violations, script errors.

    A 422 is the answer to a form with errors, shown to the person on purpose; Chromium logs it anyway.
    """

    EXPECTED = "the server responded with a status of 422"

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(str(error)))

    def _console(self, message):
        if message.type == "error" and self.EXPECTED not in message.text:
            self.problems.append(message.text)


@pytest.fixture
def new_page(browser):
    """Open a fresh browser context (own cookies); with javascript=False, a browser without JS."""
    contexts, watchers = [], []

    def open_page(javascript: bool = True):
        context = browser.new_context(java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        watchers.append(PageWatcher(page))
        return page

    yield open_page
    for context in contexts:
        context.close()
    problems = [p for w in watchers for p in w.problems]
    assert problems == [], problems
