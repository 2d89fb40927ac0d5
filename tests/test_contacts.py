"""Contacts typed by hand: create, validate, edit, delete."""

import re

import pytest
import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, ContactChange
from tests.conftest import post

NEW = {
    "name": "Jordan Hiring",
    "email": "jordan@acme.example",
    "phone": "+44 20 7946 0000",
    "location": "London",
    "headline": "",
    "title": "Head of Talent",
    "employer": "Acme",
    "industries": "retail",
    "skills": "",
    "links": "",
    "status": "",
    "kind": "hiring_manager",
    "stage": "new",
    "cadence_days": "7",
    "tags": "hiring managers",
    "notes": "Met at expo",
}


def test_new_contact_form_labels(accounts):
    html = accounts.recruiter().get("/contacts/new").get_data(as_text=True)
    for label in (
        "Name",
        "Email",
        "Phone",
        "Title",
        "Employer",
        "Industries",
        "Skills",
        "Pipeline stage",
        "Follow-up cadence (days)",
        "Tags",
        "Notes",
    ):
        assert re.search(rf"<label[^>]*>{re.escape(label)}</label>", html), label


def test_create_and_show_contact(app, accounts):
    recruiter = accounts.recruiter()
    response = post(recruiter, "/contacts/new", NEW)
    assert response.status_code == 302
    page = recruiter.get(response.headers["Location"]).get_data(as_text=True)
    assert "Jordan Hiring" in page and "Head of Talent" in page and "Met at expo" in page and "Added by hand" in page
    listing = recruiter.get("/contacts").get_data(as_text=True)
    assert "Jordan Hiring" in listing and "Acme" in listing
    with app.app_context():
        contact = db.session.scalar(sa.select(Contact))
        assert (
            contact.tags == ["hiring managers"]
            and contact.industries == ["retail"]
            and contact.email == "jordan@acme.example"
        )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Enter the contact&#39;s name."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("cadence_days", "0", "Number must be between 1 and 365."),
        ("cadence_days", "weekly", "Not a valid integer value."),
        ("stage", "hired?", "Not a valid choice"),
        ("links", "ftp://x", "is not a web address"),
    ],
)
def test_new_contact_validation_keeps_input(accounts, field, value, message):
    response = post(accounts.recruiter(), "/contacts/new", {**NEW, field: value})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and message in html and "Met at expo" in html


def test_manual_edit_is_recorded(app, accounts):
    recruiter = accounts.recruiter()
    location = post(recruiter, "/contacts/new", NEW).headers["Location"]
    response = post(recruiter, f"{location}/edit", {**NEW, "title": "VP Talent"})
    assert response.status_code == 302
    with app.app_context():
        change = db.session.scalar(sa.select(ContactChange))
        assert (change.field, change.old, change.new, change.source) == (
            "title",
            "Head of Talent",
            "VP Talent",
            "manual",
        )


def test_delete_contact_after_confirmation(app, accounts):
    recruiter = accounts.recruiter()
    location = post(recruiter, "/contacts/new", NEW).headers["Location"]
    assert "Delete Jordan Hiring?" in recruiter.get(f"{location}/delete").get_data(as_text=True)
    assert post(recruiter, f"{location}/delete").status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Contact.id))) == 0


def test_candidates_cannot_open_recruiter_pages(accounts):
    candidate = accounts.candidate()
    for path in ("/inbox", "/contacts", "/contacts/new", "/invites"):
        assert candidate.get(path).status_code == 404, path
    recruiter = accounts.recruiter()
    for path in ("/recruiters", "/updates"):
        assert recruiter.get(path).status_code == 404, path
