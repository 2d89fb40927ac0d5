"""Recruiter tools in a real browser: active search, the follow-up queue and a batch check-in."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import add_entry, add_recruiter, sign_up

pytestmark = pytest.mark.browser


def new_contact(page, base, name, **fields):
    page.goto(base + "/contacts/new")
    page.get_by_label("Name", exact=True).fill(name)
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_role("button", name="Save contact").click()
    expect(page.get_by_text(f"{name} added to your contacts.")).to_be_visible()


def test_search_finds_the_candidate_by_a_word_from_a_shared_role(live_server, new_page):
    base = live_server.url
    recruiter = new_page()
    sign_up(recruiter, base, "Riley Recruiter", "riley@search.example", role="Recruiter")
    candidate = new_page()
    sign_up(candidate, base, "Val President", "vp@example.com")
    add_entry(
        candidate,
        base,
        "Role",
        "2020-01-01",
        "Account Director",
        "Northline",
        "Four years running the automotive OEM account",
    )
    add_entry(candidate, base, "Review", "2021-01-01", "Review", details="Secret turbocharger praise")
    add_recruiter(candidate, base, "Riley Recruiter", "riley@search.example")
    candidate.get_by_role("button", name="Notify my recruiters").click()
    expect(candidate.get_by_text("Update sent to 1 recruiter.")).to_be_visible()
    new_contact(recruiter, base, "Sam Other", **{"Title": "Engineer"})

    recruiter.goto(base + "/contacts")
    recruiter.evaluate("window.__stayed = true")
    recruiter.get_by_label("Search", exact=True).fill("automot")  # active search, as the recruiter types
    results = recruiter.locator("#contact-rows")
    expect(results.get_by_role("link", name="Val President")).to_be_visible()
    expect(results.get_by_role("link", name="Sam Other")).to_have_count(0)
    assert recruiter.evaluate("window.__stayed") is True
    recruiter.get_by_label("Search", exact=True).fill("turbocharger")
    expect(recruiter.get_by_text("No contacts match.")).to_be_visible()


def test_follow_up_queue_and_batch_check_in(live_server, new_page):
    base = live_server.url
    recruiter = new_page()
    sign_up(recruiter, base, "Riley Recruiter", "riley@search.example", role="Recruiter")
    new_contact(recruiter, base, "Due Dana", **{"Email": "dana@example.com"})
    new_contact(recruiter, base, "Due Eli", **{"Email": "eli@example.com"})
    with live_server.app.app_context():
        from datetime import date, timedelta

        import sqlalchemy as sa

        from journal.extensions import db
        from journal.models import Contact

        db.session.execute(sa.update(Contact).values(next_follow_up=date.today() - timedelta(days=2)))
        db.session.commit()
    recruiter.get_by_role("link", name="Follow-ups").click()
    expect(recruiter.get_by_text("2 days overdue").first).to_be_visible()
    recruiter.get_by_label("Due Dana").check()
    recruiter.get_by_label("Due Eli").check()
    expect(recruiter.get_by_label("Message")).to_have_value(
        "No news yet — you have not been forgotten. I will be in touch as soon as I hear more."
    )
    recruiter.get_by_role("button", name="Send check-in").click()
    expect(recruiter.get_by_text("Check-in sent to 2 contacts.")).to_be_visible()
    expect(recruiter.get_by_text("Nobody is due.")).to_be_visible()


# Types into the search box in the first moment it exists: after the script that swapped the
# page in, before any timer. htmx must have wired the new page up by then.
TYPE_AS_SOON_AS_SHOWN = """
new MutationObserver((changes, observer) => {
  const box = document.getElementById("q");
  if (!box) return;
  observer.disconnect();
  box.value = "grace";
  box.dispatchEvent(new Event("input", {bubbles: true}));
}).observe(document.body, {childList: true, subtree: true});
"""


def test_typing_at_once_after_a_link_is_followed_still_searches(live_server, new_page):
    """A boosted link swaps the page in; the search box listens from that moment (no settle delay),
    so nothing typed in between is lost."""
    base = live_server.url
    page = new_page()
    sign_up(page, base, "Riley Recruiter", "riley@search.example", role="Recruiter")
    new_contact(page, base, "Ada Lovelace")
    new_contact(page, base, "Grace Hopper")
    page.goto(base + "/")
    page.evaluate(TYPE_AS_SOON_AS_SHOWN)
    page.get_by_role("link", name="Contacts").click()
    results = page.locator("#contact-rows")
    expect(results.get_by_role("link", name="Grace Hopper")).to_be_visible()
    expect(results.get_by_role("link", name="Ada Lovelace")).to_have_count(0)
    expect(page.get_by_label("Search", exact=True)).to_have_value("grace")
