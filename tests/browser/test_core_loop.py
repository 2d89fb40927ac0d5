"""The core loop in a real browser: link, one click, the recruiter's Inbox and contact record."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import add_entry, add_recruiter, sign_up

pytestmark = pytest.mark.browser


def set_title(page, base, title):
    page.goto(base + "/profile")
    page.get_by_label("Current title").fill(title)
    page.get_by_role("button", name="Save profile").click()
    # wait for the answer: navigating away at once could cancel the boosted form's request
    expect(page.get_by_text("Profile saved.")).to_be_visible()


def test_candidate_notifies_and_recruiter_sees_the_merged_record(live_server, new_page):
    base = live_server.url
    recruiter = new_page()
    sign_up(recruiter, base, "Riley Recruiter", "riley@search.example", role="Recruiter")
    bystander = new_page()
    sign_up(bystander, base, "Other Recruiter", "other@search.example", role="Recruiter")

    candidate = new_page()
    sign_up(candidate, base, "Casey Candidate", "casey@example.com")
    set_title(candidate, base, "Account Director")
    add_entry(candidate, base, "Role", "2021-04-01", "Account Director", "Northline", "Ran the automotive OEM accounts")
    add_entry(candidate, base, "Review", "2025-06-30", "Mid-year review", details="Secret praise")
    add_recruiter(candidate, base, "Riley Recruiter", "riley@search.example", "Acme Search")

    preview = candidate.locator("#update-preview")
    expect(preview).to_contain_text("Ran the automotive OEM accounts")
    expect(preview).not_to_contain_text("Secret praise")
    candidate.get_by_role("button", name="Notify my recruiters").click()
    expect(candidate.get_by_text("Update sent to 1 recruiter.")).to_be_visible()
    expect(candidate.get_by_text("Delivered to their inbox")).to_be_visible()

    recruiter.goto(base + "/inbox")
    row = recruiter.locator(".inbox-row").first
    expect(row).to_contain_text("Casey Candidate")
    expect(row.get_by_text("Unread")).to_be_visible()

    # A second update merges into the same contact.
    set_title(candidate, base, "Vice President, Sales")
    candidate.goto(base + "/recruiters")
    expect(candidate.locator("#update-preview")).to_contain_text("Account Director → Vice President, Sales")
    candidate.get_by_role("button", name="Notify my recruiters").click()
    expect(candidate.get_by_text("Update sent to 1 recruiter.")).to_be_visible()

    recruiter.goto(base + "/inbox")
    expect(recruiter.locator(".inbox-row").first).to_contain_text("Title: Account Director → Vice President, Sales")
    recruiter.locator(".inbox-row").first.get_by_role("link").click()
    recruiter.get_by_role("link", name="Open the contact record").click()
    expect(recruiter.get_by_role("heading", name="Casey Candidate")).to_be_visible()
    history = recruiter.locator("ol.timeline")
    expect(history).to_contain_text("Account Director → Vice President, Sales")
    expect(recruiter.locator("main")).to_contain_text("Ran the automotive OEM accounts")
    expect(recruiter.locator("main")).not_to_contain_text("Secret praise")
    expect(recruiter.locator("main")).not_to_contain_text("Mid-year review")

    recruiter.goto(base + "/contacts")
    expect(recruiter.locator("#contact-rows tr")).to_have_count(1)

    bystander.goto(base + "/inbox")
    expect(bystander.get_by_text("No updates yet.")).to_be_visible()
    bystander.goto(base + "/contacts")
    expect(bystander.get_by_text("No contacts yet.")).to_be_visible()


def test_notify_without_javascript(live_server, new_page):
    base = live_server.url
    page = new_page(javascript=False)
    sign_up(page, base, "No Script", "noscript@example.com")
    add_recruiter(page, base, "Waiting Recruiter", "waiting@search.example")
    page.get_by_label("Add a note").fill("Hello from a plain form")
    page.get_by_role("button", name="Notify my recruiters").click()
    expect(page.get_by_text("Update sent to 1 recruiter.")).to_be_visible()
    expect(page.get_by_text("Waiting: no account yet")).to_be_visible()
    expect(page.locator("pre.document")).to_contain_text("Hello from a plain form")


def test_double_click_sends_once(live_server, new_page):
    base = live_server.url
    page = new_page()
    sign_up(page, base, "Double Clicker", "double@example.com")
    add_recruiter(page, base, "Riley", "riley@search.example")
    page.get_by_role("button", name="Notify my recruiters").dblclick()
    expect(page.get_by_text(re.compile(r"Update sent to 1 recruiter"))).to_be_visible()
    page.goto(base + "/updates")
    expect(page.locator("article.update")).to_have_count(1)


def test_invite_link_links_the_recruiter(live_server, new_page):
    base = live_server.url
    recruiter = new_page()
    sign_up(recruiter, base, "Riley Recruiter", "riley@search.example", role="Recruiter")
    recruiter.get_by_role("link", name="Invite").click()
    recruiter.get_by_label("Label").fill("Career fair")
    recruiter.get_by_role("button", name="Create invite link").click()
    link = recruiter.get_by_label("Link", exact=True).first.input_value()

    candidate = new_page()
    candidate.goto(link)
    expect(candidate.get_by_role("heading", name="Riley Recruiter invites you to Career Journal")).to_be_visible()
    candidate.get_by_role("link", name="Sign up").first.click()
    candidate.get_by_label("Name", exact=True).fill("Invited Person")
    candidate.get_by_label("Email", exact=True).fill("invited@example.com")
    candidate.get_by_label("Password").fill("correct horse battery staple")
    candidate.get_by_label("Candidate").check()
    candidate.get_by_role("button", name="Sign up").click()
    expect(candidate.get_by_role("heading", name="Link Riley Recruiter as your recruiter?")).to_be_visible()
    candidate.get_by_role("button", name="Link", exact=True).click()
    expect(candidate.get_by_text("Riley Recruiter is now one of your recruiters")).to_be_visible()
    expect(candidate.locator("table.list")).to_contain_text("riley@search.example")
