"""The candidate profile."""

import re

import pytest

from tests.conftest import post

VALID = {
    "name": "Casey Candidate",
    "email": "casey.work@example.com",
    "phone": "+1 (313) 555-0142",
    "location": "Detroit, MI",
    "headline": "Sales leader",
    "title": "Account Director",
    "employer": "Northline",
    "industries": "automotive, mobility",
    "skills": "negotiation, key accounts",
    "links": "https://example.com/casey\nhttps://linkedin.example/in/casey",
    "status": "looking",
}


def test_profile_form_has_the_named_labels(accounts):
    html = accounts.candidate().get("/profile").get_data(as_text=True)
    for label in (
        "Name",
        "Email",
        "Phone",
        "Location",
        "Headline",
        "Current title",
        "Current employer",
        "Industries",
        "Skills",
        "Links",
        "Job-search status",
    ):
        assert re.search(rf'<label for="[a-z_]+">{label}</label>', html), label
    for option in ("Open to offers", "Actively looking", "Not looking"):
        assert option in html
    assert '<button type="submit">Save profile</button>' in html


def test_saved_profile_shows_on_the_home_page(accounts):
    client = accounts.candidate()
    response = post(client, "/profile", VALID)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    for text in (
        "Casey Candidate",
        "Account Director at Northline",
        "+1 (313) 555-0142",
        "Detroit, MI",
        "automotive, mobility",
        "negotiation, key accounts",
        "https://example.com/casey",
        "Actively looking",
        "Sales leader",
    ):
        assert text in home, text
    form = client.get("/profile").get_data(as_text=True)
    assert 'value="automotive, mobility"' in form


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter your name."),
        ("email", "casey@", "Enter a valid email address."),
        ("phone", "call me maybe", "Use digits, spaces and + ( ) - . only."),
        ("links", "javascript:alert(1)", "is not a web address"),
        ("links", "ftp://example.com", "is not a web address"),
        ("status", "retired", "Not a valid choice"),
        ("industries", ", ".join(f"industry {n}" for n in range(60)), "50 items or fewer"),
        ("title", "x" * 121, "Field cannot be longer than 120 characters."),
    ],
)
def test_profile_validation_keeps_input(accounts, field, value, message):
    client = accounts.candidate()
    response = post(client, "/profile", {**VALID, field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert "Detroit, MI" in html  # other fields keep what was typed
