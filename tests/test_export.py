"""Contact export as CSV and vCard, parsed back."""

import csv
import io

import vobject

from tests.test_search import manual


def test_csv_export_round_trips_through_a_csv_reader(accounts):
    recruiter = accounts.recruiter()
    manual(
        recruiter,
        name='Ann "Quotes", Jr',
        email="ann@example.com",
        industries="retail, automotive",
        tags="silver medalist",
        notes="line one\nline two",
        stage="interviewing",
    )
    manual(recruiter, name="Bob Zed", email="bob@example.com")
    response = recruiter.get("/contacts/export.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="contacts.csv"'
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert [r["name"] for r in rows] == ['Ann "Quotes", Jr', "Bob Zed"]
    assert rows[0]["industries"] == "retail; automotive" and rows[0]["notes"] == "line one\nline two"
    assert rows[0]["stage"] == "interviewing" and rows[0]["tags"] == "silver medalist"


def test_export_follows_the_search_and_filters(accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Ann Auto", industries="automotive")
    manual(recruiter, name="Bob Bakery", industries="food")
    rows = list(
        csv.DictReader(
            io.StringIO(recruiter.get("/contacts/export.csv?q=automotive").get_data(as_text=True).lstrip("\ufeff"))
        )
    )
    assert [r["name"] for r in rows] == ["Ann Auto"]


def test_vcard_export_parses_back(accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Ann Auto", email="ann@example.com", title="Buyer", employer="Acme")
    manual(recruiter, name="Bob Bakery", email="bob@example.com")
    cards = list(vobject.readComponents(recruiter.get("/contacts/export.vcf").get_data(as_text=True)))
    assert [c.fn.value for c in cards] == ["Ann Auto", "Bob Bakery"]
    assert cards[0].title.value == "Buyer" and cards[0].org.value == ["Acme"]


def test_export_is_scoped_to_the_recruiter(accounts):
    manual(accounts.recruiter(), name="Secret Contact")
    assert "Secret Contact" not in accounts.recruiter().get("/contacts/export.csv").get_data(as_text=True)
    assert accounts.candidate().get("/contacts/export.csv").status_code == 404
