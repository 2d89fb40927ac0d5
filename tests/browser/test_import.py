"""A 10,000-row CSV import in a real browser: mapping, progress that moves, preview, import."""

import time

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import sign_up

pytestmark = pytest.mark.browser
ROWS = 10_000


def spreadsheet() -> bytes:
    lines = ["First Name,Last Name,E-mail,Company,Job Title,Skills"]
    lines += [
        f'Person,Number {i},p{i}@example.com,"Firm {i % 300}, Inc",Engineer,"Python; automotive"'
        for i in range(ROWS - 1)
    ]
    lines.append("Broken,Row,not-an-email,Nowhere,,")
    return ("\n".join(lines) + "\n").encode()


def progress_values(page, until) -> list[int]:
    """The progress bar's values, sampled while the check runs, until ``until`` shows."""
    seen: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not until.is_visible():
        try:
            value = page.evaluate("document.querySelector('#import-progress')?.value ?? null")
        except Exception:  # the page is between two documents
            value = None
        if value is not None and (not seen or seen[-1] != value):
            seen.append(int(value))
        time.sleep(0.05)
    return seen


def test_csv_import_with_progress(live_server, new_page):
    base = live_server.url
    page = new_page()
    sign_up(page, base, "Riley Recruiter", "riley@search.example", role="Recruiter")
    page.get_by_role("link", name="Contacts").click()
    page.get_by_role("link", name="Import contacts").click()
    page.get_by_label("CSV or vCard file").set_input_files(
        files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": spreadsheet()}]
    )
    page.get_by_role("button", name="Upload and check").click()

    expect(page.get_by_role("heading", name="Which column is which?")).to_be_visible()
    expect(page.get_by_label("E-mail")).to_have_value("email")  # guessed from the heading
    expect(page.get_by_label("First Name")).to_have_value("first_name")
    page.get_by_label("Job Title").select_option(label="Do not import")
    page.get_by_label("Tag every imported contact").fill("spring fair")
    page.get_by_role("button", name="Check 10,000 rows").click()

    preview = page.get_by_text("Checked 10,000 rows:")
    expect(page.get_by_label("Checking rows")).to_be_visible()
    second = page.context.new_page()
    second.goto(base + "/contacts")
    expect(second.get_by_role("heading", name="Contacts")).to_be_visible()
    second.close()
    seen = progress_values(page, preview)
    assert any(0 < value < ROWS for value in seen), seen  # it moved while the check ran
    assert seen == sorted(seen)

    expect(preview).to_be_visible()
    expect(page.get_by_text("9,999 new contacts")).to_be_visible()
    expect(
        page.get_by_role("cell", name="not-an-email", exact=True)
    ).to_be_visible()  # the row with its error, before anything is written
    expect(page.get_by_text("Email: “not-an-email” is not a valid email address.")).to_be_visible()
    page.get_by_role("button", name="Import 9,999 contacts").click()

    expect(
        page.get_by_text("Imported: 9,999 new contacts, 0 existing contacts merged; 1 row with errors skipped.")
    ).to_be_visible(timeout=120_000)
    page.get_by_role("link", name="See them in Contacts").click()
    page.get_by_label("Search", exact=True).fill("number 4242")
    expect(page.locator("#contact-rows").get_by_role("link", name="Person Number 4242", exact=True)).to_be_visible()


def test_import_without_javascript(live_server, new_page):
    """The same steps as plain form posts; the progress page refreshes itself without scripts."""
    base = live_server.url
    page = new_page(javascript=False)
    sign_up(page, base, "Nora Noscript", "nora@search.example", role="Recruiter")
    page.goto(base + "/contacts/import")
    page.get_by_label("CSV or vCard file").set_input_files(
        files=[
            {
                "name": "few.csv",
                "mimeType": "text/csv",
                "buffer": "Name,Email,Company\nAnn Lee,ann@example.com,Acme\nBob Zed,bob@example.com,Beta\n".encode(),
            }
        ]
    )
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_label("Company")).to_have_value("employer")
    page.get_by_role("button", name="Check 2 rows").click()
    expect(page.get_by_text("Checked 2 rows:")).to_be_visible()
    page.get_by_role("button", name="Import 2 contacts").click()
    expect(page.get_by_text("Imported: 2 new contacts, 0 existing contacts merged.")).to_be_visible()
    page.goto(base + "/contacts?q=acme")
    expect(page.get_by_role("link", name="Ann Lee")).to_be_visible()
