"""The career journal: entries, timeline, filter, edit and delete."""

import re

import pytest
import sqlalchemy as sa

from journal.extensions import db
from journal.models import JournalEntry, Profile
from tests.conftest import post


def add_entry(client, **fields):
    data = {
        "kind": "role",
        "date": "2025-03-01",
        "title": "Account Director",
        "employer": "Northline",
        "details": "",
        "shown_for": fields.get("kind", "role"),
    }
    data.update(fields)
    if data.get("shared") is False:
        del data["shared"]
    elif data.get("shared") is True:
        data["shared"] = "y"
    response = post(client, "/journal/new", data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def entries(app):
    with app.app_context():
        return list(db.session.scalars(sa.select(JournalEntry).order_by(JournalEntry.id)))


def test_new_entry_form_has_the_named_fields(accounts):
    html = accounts.candidate().get("/journal/new").get_data(as_text=True)
    for label in ("Kind", "Date", "Title", "Employer", "Amount", "Currency", "Details", "Share with my recruiters"):
        assert re.search(rf"<label[^>]*>{label}</label>", html), label
    for kind in (
        "Role",
        "Promotion",
        "Review",
        "Raise",
        "Education",
        "Certification",
        "Achievement",
        "Move",
        "Contact change",
        "Counseling note",
        "Note",
    ):
        assert f">{kind}</option>" in html
    assert '<button type="submit">Save entry</button>' in html


@pytest.mark.parametrize(("kind", "checked"), [("role", True), ("review", False), ("raise", False), ("move", True)])
def test_share_box_starts_at_the_kinds_default(accounts, kind, checked):
    html = accounts.candidate().get(f"/journal/new?kind={kind}").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="shared"[^>]*>', html).group(0)
    assert ("checked" in box) is checked


def test_entry_saved_and_shown_in_the_timeline(app, accounts):
    client = accounts.candidate()
    add_entry(client, details="Ran the **automotive** portfolio.", shared=True)
    saved = entries(app)[0]
    assert (saved.kind, saved.title, saved.employer, saved.shared) == ("role", "Account Director", "Northline", True)
    timeline = client.get("/journal").get_data(as_text=True)
    assert "Account Director" in timeline and ">2025<" in timeline and "Shared" in timeline
    detail = client.get(f"/journal/{saved.id}").get_data(as_text=True)
    assert "<strong>automotive</strong>" in detail


def test_review_picked_without_javascript_stays_private(app, accounts):
    """The form opened on Role (box ticked); the candidate chose Review and left the box alone."""
    client = accounts.candidate()
    add_entry(client, kind="review", title="Annual review", employer="", shown_for="role", shared=True)
    assert entries(app)[0].shared is False


def test_raise_keeps_amount_and_currency(app, accounts):
    client = accounts.candidate()
    add_entry(client, kind="raise", title="Annual raise", employer="", amount="185000.50", currency="usd", shared=False)
    saved = entries(app)[0]
    assert str(saved.amount) == "185000.50" and saved.currency == "USD" and saved.shared is False


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"title": ""}, "Give the entry a title."),
        ({"date": ""}, "Enter a date (YYYY-MM-DD)."),
        ({"date": "2025-02-30"}, "Not a valid date value."),
        ({"date": "1066-10-14"}, "Enter a date between 1900 and 2100."),
        ({"kind": "salary"}, "Not a valid choice"),
        ({"kind": "role", "amount": "100", "currency": "USD"}, "Amounts are kept on raises only"),
        ({"kind": "raise", "amount": "100"}, "Give the currency of the amount"),
        ({"kind": "raise", "amount": "lots", "currency": "USD"}, "Not a valid decimal value."),
        ({"kind": "raise", "amount": "-5", "currency": "USD"}, "Number must be between"),
        ({"kind": "raise", "amount": "5", "currency": "dollars"}, "three-letter code"),
        ({"title": "t" * 201}, "Field cannot be longer than 200 characters."),
    ],
)
def test_entry_validation_keeps_input(accounts, fields, message):
    client = accounts.candidate()
    data = {
        "kind": "role",
        "date": "2025-03-01",
        "title": "Kept title",
        "employer": "Kept employer",
        "details": "Kept *details*",
        "shown_for": "role",
        **fields,
    }
    response = post(client, "/journal/new", data)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert "Kept employer" in html and "Kept *details*" in html


def test_role_entry_can_update_the_profile(app, accounts):
    client = accounts.candidate()
    add_entry(client, title="Vice President, Sales", employer="Northline", update_profile="y")
    add_entry(client, kind="review", title="Review", employer="Elsewhere", update_profile="y")
    with app.app_context():
        profile = db.session.scalar(sa.select(Profile))
        assert (profile.title, profile.employer) == ("Vice President, Sales", "Northline")


def test_role_entry_leaves_profile_alone_unless_asked(app, accounts):
    client = accounts.candidate()
    add_entry(client, title="Vice President, Sales")
    with app.app_context():
        assert db.session.scalar(sa.select(Profile.title)) == ""


def test_timeline_grouped_by_year_newest_first_and_filtered(accounts):
    client = accounts.candidate()
    add_entry(client, date="2023-05-01", title="Old role")
    add_entry(client, kind="review", date="2025-06-30", title="Mid-year review", employer="")
    add_entry(client, date="2025-01-15", title="New role")
    html = client.get("/journal").get_data(as_text=True)
    assert html.index(">2025<") < html.index(">2023<")
    assert html.index("Mid-year review") < html.index("New role") < html.index("Old role")
    filtered = client.get("/journal?kind=review").get_data(as_text=True)
    assert "Mid-year review" in filtered and "New role" not in filtered
    assert client.get("/journal?kind=nonsense").status_code == 200


def test_filter_answers_htmx_with_the_timeline_fragment_only(accounts):
    client = accounts.candidate()
    add_entry(client, kind="review", title="Mid-year review", employer="")
    add_entry(client, title="New role")
    response = client.get("/journal?kind=review", headers={"HX-Request": "true", "HX-Target": "journal-timeline"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and html.lstrip().startswith('<div id="journal-timeline">')
    assert "Mid-year review" in html and "New role" not in html
    assert "HX-Request" in response.headers["Vary"]
    boosted = client.get(
        "/journal?kind=review", headers={"HX-Request": "true", "HX-Boosted": "true", "HX-Target": "page"}
    )
    assert "<html" in boosted.get_data(as_text=True)


def test_edit_entry(app, accounts):
    client = accounts.candidate()
    add_entry(client)
    entry = entries(app)[0]
    form = client.get(f"/journal/{entry.id}/edit").get_data(as_text=True)
    assert 'value="Account Director"' in form
    response = post(
        client,
        f"/journal/{entry.id}/edit",
        {
            "kind": "role",
            "date": "2025-03-01",
            "title": "Senior Account Director",
            "employer": "Northline",
            "shared": "y",
            "shown_for": "role",
        },
    )
    assert response.status_code == 302
    edited = entries(app)[0]
    assert edited.title == "Senior Account Director" and edited.revision == 2


def test_delete_asks_for_confirmation_then_deletes(app, accounts):
    client = accounts.candidate()
    add_entry(client)
    entry_id = entries(app)[0].id
    confirm = client.get(f"/journal/{entry_id}/delete").get_data(as_text=True)
    assert "Delete this entry?" in confirm and ">Delete entry</button>" in confirm
    assert len(entries(app)) == 1  # GET changes nothing
    assert post(client, f"/journal/{entry_id}/delete").status_code == 302
    assert entries(app) == []


@pytest.mark.parametrize(
    "method_path",
    [
        ("get", "/journal/{id}"),
        ("get", "/journal/{id}/edit"),
        ("post", "/journal/{id}/edit"),
        ("get", "/journal/{id}/delete"),
        ("post", "/journal/{id}/delete"),
    ],
)
def test_another_candidates_entry_is_404(app, accounts, method_path):
    owner = accounts.candidate()
    add_entry(owner, kind="review", title="Private review", employer="", details="Secret text")
    entry = entries(app)[0]
    intruder = accounts.candidate()
    method, path = method_path
    path = path.format(id=entry.id)
    if method == "get":
        response = intruder.get(path)
    else:
        response = post(intruder, path, {"kind": "role", "date": "2025-01-01", "title": "Hijacked"})
    assert response.status_code == 404
    assert "Secret text" not in response.get_data(as_text=True)
    after = entries(app)[0]
    assert (after.title, after.kind) == ("Private review", "review")


def test_unknown_entry_is_404(accounts):
    assert accounts.candidate().get("/journal/999999").status_code == 404
