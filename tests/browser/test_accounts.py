"""Accounts in a real browser, with the links read from the emails the worker wrote (#15)."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import PASSWORD, add_recruiter, email_link, sign_up

pytestmark = pytest.mark.browser


def test_sign_up_then_the_link_from_the_email_then_notify(live_server, new_page):
    base = live_server.url
    page = new_page()
    sign_up(page, base, "Casey Candidate", "casey@example.com", verify=False)
    expect(page.get_by_text("Check your inbox to verify casey@example.com")).to_be_visible()
    add_recruiter(page, base, "Riley Recruiter", "riley@search.example")
    expect(page.get_by_role("button", name="Notify my recruiters")).to_be_disabled()
    expect(page.get_by_text("Verify casey@example.com first")).to_be_visible()

    page.goto(email_link(base, "casey@example.com", "/verify/"))
    expect(page.get_by_text("casey@example.com is verified")).to_be_visible()
    page.goto(base + "/recruiters")
    page.get_by_role("button", name="Notify my recruiters").click()
    expect(page.get_by_text("Update sent to 1 recruiter.")).to_be_visible()


def test_forgot_password_then_reset_then_log_in(live_server, new_page):
    base = live_server.url
    sign_up(new_page(), base, "Riley Recruiter", "riley@search.example", role="Recruiter")
    page = new_page()
    page.goto(base + "/login")
    page.get_by_role("link", name="Forgot your password?").click()
    # the boosted navigation must have swapped the page in before typing: else the login form is typed into
    expect(page.get_by_role("heading", name="Forgot your password?")).to_be_visible()
    page.get_by_label("Email").fill("riley@search.example")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_text("If an account uses riley@search.example")).to_be_visible()

    page.goto(email_link(base, "riley@search.example", "/password/reset/"))
    page.get_by_label("New password").fill("a brand new passphrase")
    page.get_by_role("button", name="Set new password").click()
    expect(page.get_by_text("Your new password is set")).to_be_visible()
    page.get_by_label("Email").fill("riley@search.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Incorrect email or password.")).to_be_visible()
    page.get_by_label("Password").fill("a brand new passphrase")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Inbox")).to_be_visible()
