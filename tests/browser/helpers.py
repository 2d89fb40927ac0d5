"""Steps a person takes, written once for every browser test."""

import email
import re
import time
from email import policy
from pathlib import Path

from playwright.sync_api import Page, expect

PASSWORD = "correct horse battery staple"
MAILBOXES: dict[str, Path] = {}  # a live server's address -> the folder its worker writes emails to


def email_link(base: str, to: str, path_prefix: str, timeout: float = 15) -> str:
    """The newest link to ``path_prefix`` in an email the live server's worker sent to ``to``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = []
        for path in sorted(MAILBOXES[base].glob("*.eml"), key=lambda p: p.stat().st_mtime):
            message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
            if message["To"].addresses[0].addr_spec == to:
                found += re.findall(
                    rf"https?://[^/\s]+({re.escape(path_prefix)}\S+)", message.get_body(("plain",)).get_content()
                )
        if found:
            return base + found[-1]
        time.sleep(0.2)
    raise AssertionError(f"no email to {to} with a link to {path_prefix}")


def sign_up(page: Page, base: str, name: str, email: str, role: str = "Candidate", verify: bool = True) -> None:
    """Sign up; with ``verify``, open the link from the "Verify your email" message, as its owner would."""
    page.goto(base + "/")
    page.get_by_role("link", name="Sign up").first.click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label(role).check()
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_role("heading", name=f"Hello, {name}")).to_be_visible()
    if verify:
        page.goto(email_link(base, email, "/verify/"))
        expect(page.get_by_text(f"{email} is verified")).to_be_visible()


def add_entry(page: Page, base: str, kind: str, date: str, title: str, employer: str = "", details: str = "") -> None:
    page.goto(base + "/journal/new")
    page.get_by_label("Kind").select_option(label=kind)
    page.get_by_label("Date", exact=True).fill(date)
    page.get_by_label("Title", exact=True).fill(title)
    if employer:
        page.get_by_label("Employer", exact=True).fill(employer)
    if details:
        page.get_by_label("Details", exact=True).fill(details)
    page.get_by_role("button", name="Save entry").click()
    expect(page.get_by_role("heading", name="Journal", exact=True)).to_be_visible()


def add_recruiter(page: Page, base: str, name: str, email: str, firm: str = "") -> None:
    page.goto(base + "/recruiters")
    page.get_by_label("Recruiter's name").fill(name)
    page.get_by_label("Recruiter's email").fill(email)
    if firm:
        page.get_by_label("Firm").fill(firm)
    page.get_by_role("button", name="Add recruiter").click()
    expect(page.get_by_text(f"{name} added.")).to_be_visible()
