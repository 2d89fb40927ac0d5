"""A candidate signs up, fills the profile, keeps a journal and exports it — in a real browser."""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import add_entry, sign_up

pytestmark = pytest.mark.browser


def test_candidate_keeps_a_journal(live_server, new_page):
    page = new_page()
    base = live_server.url
    sign_up(page, base, "Casey Candidate", "casey@example.com")

    page.get_by_role("link", name="Profile", exact=True).click()
    page.get_by_label("Current title").fill("Account Director")
    page.get_by_label("Current employer").fill("Northline")
    page.get_by_label("Industries").fill("automotive, mobility")
    page.get_by_label("Job-search status").select_option(label="Actively looking")
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Account Director at Northline")).to_be_visible()
    expect(page.get_by_text("Actively looking")).to_be_visible()

    add_entry(
        page,
        base,
        "Role",
        "2025-03-01",
        "Account Director",
        "Northline",
        "Ran the **automotive** portfolio <script>alert(1)</script>",
    )
    # Picking Review with JavaScript on clears the share box by itself.
    page.goto(base + "/journal/new")
    expect(page.get_by_label("Share with my recruiters")).to_be_checked()
    page.get_by_label("Kind").select_option(label="Review")
    expect(page.get_by_label("Share with my recruiters")).not_to_be_checked()
    page.get_by_label("Date", exact=True).fill("2025-06-30")
    page.get_by_label("Title", exact=True).fill("Mid-year review")
    page.get_by_role("button", name="Save entry").click()

    timeline = page.locator("#journal-timeline")
    expect(timeline.get_by_text("Mid-year review")).to_be_visible()
    expect(timeline.locator(".entry", has_text="Mid-year review").get_by_text("Private")).to_be_visible()
    expect(timeline.locator(".entry", has_text="Account Director").get_by_text("Shared")).to_be_visible()

    # Filter by kind without a page reload: the URL changes, the page object stays.
    page.evaluate("window.__stayed = true")
    page.get_by_label("Show").select_option(label="Review")
    expect(timeline.get_by_text("Account Director")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"kind=review"))
    assert page.evaluate("window.__stayed") is True

    page.get_by_label("Show").select_option(label="All kinds")
    page.get_by_role("link", name="Account Director").click()
    expect(page.locator(".details strong")).to_have_text("automotive")
    assert page.locator(".details script").count() == 0

    page.goto(base + "/journal")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export as JSON Resume").click()
    resume = json.loads(Path(download.value.path()).read_text())
    assert resume["work"][0]["position"] == "Account Director"
    assert resume["x-career-journal"]["entries"][0]["title"] == "Mid-year review"


def test_journal_works_without_javascript(live_server, new_page):
    page = new_page(javascript=False)
    base = live_server.url
    sign_up(page, base, "No Script", "noscript@example.com")
    add_entry(page, base, "Role", "2024-01-10", "Engineer", "Acme")
    # Without JS the box keeps Role's tick when Review is picked; the server still keeps it private.
    add_entry(page, base, "Review", "2024-07-01", "Annual review")
    expect(page.locator(".entry", has_text="Annual review").get_by_text("Private")).to_be_visible()

    page.get_by_label("Show").select_option(label="Review")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("#journal-timeline").get_by_text("Engineer")).to_have_count(0)

    page.goto(base + "/journal")
    page.get_by_role("link", name="Engineer").click()
    page.get_by_role("link", name="Delete entry…").click()
    page.get_by_role("button", name="Delete entry").click()
    expect(page.get_by_text("Entry deleted.")).to_be_visible()
    expect(page.locator("#journal-timeline").get_by_text("Engineer")).to_have_count(0)


def test_failed_form_keeps_what_was_typed(live_server, new_page):
    page = new_page()
    base = live_server.url
    sign_up(page, base, "Typo Person", "typo@example.com")
    page.goto(base + "/journal/new")
    page.get_by_label("Title", exact=True).fill("Kept title")
    page.get_by_label("Details", exact=True).fill("Kept details")
    page.get_by_role("button", name="Save entry").click()  # no date
    expect(page.get_by_text("Enter a date (YYYY-MM-DD).")).to_be_visible()
    expect(page.get_by_label("Title", exact=True)).to_have_value("Kept title")
    expect(page.get_by_label("Details", exact=True)).to_have_value("Kept details")
