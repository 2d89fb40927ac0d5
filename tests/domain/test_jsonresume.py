"""JSON Resume export and import (no Flask)."""

import json
from datetime import date
from decimal import Decimal

import pytest

from journal.domain.jsonresume import EXT, ResumeError, build_resume, parse_resume

PROFILE = {
    "name": "Casey Candidate",
    "email": "casey@example.com",
    "phone": "+1 313 555 0142",
    "location": "Detroit, MI",
    "headline": "Sales leader",
    "title": "Vice President, Sales",
    "employer": "Northline",
    "industries": ["automotive"],
    "skills": ["negotiation", "key accounts"],
    "links": ["https://example.com/casey", "https://linkedin.example/in/casey"],
    "status": "looking",
}


def entry(kind, when, title, employer="", amount=None, currency="", details="", shared=True):
    return {
        "kind": kind,
        "date": when,
        "title": title,
        "employer": employer,
        "amount": amount,
        "currency": currency,
        "details": details,
        "shared": shared,
    }


ENTRIES = [
    entry("role", date(2022, 3, 1), "Account Director", "Northline", details="Ran *automotive* accounts."),
    entry("promotion", date(2025, 8, 15), "Vice President, Sales", "Northline", shared=False),
    entry("review", date(2024, 6, 30), "Mid-year review", details="Exceeded targets.", shared=False),
    entry("raise", date(2024, 7, 1), "Annual raise", amount=Decimal("185000.00"), currency="USD", shared=False),
    entry("education", date(2015, 6, 1), "MBA", "Ross School of Business", details="Evening programme"),
    entry("certification", date(2023, 2, 1), "CSAM", "SAMA"),
    entry("achievement", date(2024, 11, 2), "Largest EV deal", details="12,000 vehicles"),
    entry("move", date(2021, 9, 1), "Moved to Detroit"),
    entry("contact_change", date(2021, 9, 2), "New phone", shared=False),
    entry("counseling", date(2024, 1, 10), "Coach session", details="Aim for VP", shared=False),
    entry("note", date(2025, 10, 1), "Thoughts", shared=False),
]


def test_round_trip_keeps_everything():
    document = json.dumps(build_resume(PROFILE, ENTRIES), default=str)
    imported = parse_resume(document)
    assert imported.profile == PROFILE
    key = lambda e: (e["date"], e["kind"])
    assert sorted(imported.entries, key=key) == sorted(ENTRIES, key=key)


def test_export_uses_standard_sections():
    resume = build_resume(PROFILE, ENTRIES)
    assert resume["basics"]["name"] == "Casey Candidate" and resume["basics"]["label"] == "Sales leader"
    positions = [(w["position"], w["startDate"], w.get("endDate")) for w in resume["work"]]
    assert positions == [
        ("Vice President, Sales", "2025-08-15", None),
        ("Account Director", "2022-03-01", "2025-08-15"),
    ]
    assert resume["education"][0]["institution"] == "Ross School of Business"
    assert resume["certificates"][0]["issuer"] == "SAMA"
    assert resume["awards"][0]["title"] == "Largest EV deal"
    assert [s["name"] for s in resume["skills"]] == ["negotiation", "key accounts"]


def test_reviews_raises_and_notes_live_under_the_extension_key():
    resume = build_resume(PROFILE, ENTRIES)
    kinds = {e["kind"] for e in resume[EXT]["entries"]}
    assert kinds == {"review", "raise", "move", "contact_change", "counseling", "note"}
    standard = json.dumps({k: v for k, v in resume.items() if k != EXT})
    assert "185000" not in standard and "Exceeded targets" not in standard


def test_plain_json_resume_from_elsewhere_imports():
    document = {
        "basics": {
            "name": "Sam",
            "email": "sam@example.com",
            "location": {"city": "Lyon", "countryCode": "FR"},
            "profiles": [{"network": "GitHub", "url": "https://github.com/sam"}],
        },
        "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-04"}],
        "education": [{"institution": "INSA", "area": "Computer Science", "startDate": "2014", "endDate": "2019"}],
        "skills": [{"name": "Python", "keywords": ["Flask"]}],
    }
    imported = parse_resume(json.dumps(document))
    assert imported.profile["location"] == "Lyon, FR"
    assert imported.profile["links"] == ["https://github.com/sam"]
    work = imported.entries[0]
    assert (work["kind"], work["date"], work["title"], work["employer"], work["shared"]) == (
        "role",
        date(2020, 4, 1),
        "Engineer",
        "Acme",
        True,
    )
    assert imported.entries[1]["date"] == date(2019, 1, 1)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[]", "must hold one JSON object"),
        ('{"basics": {"name": 5}}', "basics.name: 5 is not of type 'string'"),
        ('{"work": [{"position": "X", "startDate": "May 2020"}]}', "work[0].startDate"),
        ('{"work": [{"position": "X", "startDate": "2020-02-31"}]}', "is not a real date"),
        ('{"work": [{"position": "X", "startDate": "2020-13-45"}]}', "is not a date like 2020-04-30"),
        ('{"work": [{"name": "Acme", "startDate": "2020-01-01"}]}', "work[0].position: is required"),
        ('{"work": [{"position": "X"}]}', "work[0].date: a date is required"),
        (
            '{"x-career-journal": {"entries": [{"kind": "salary", "date": "2020-01-01", "title": "x"}]}}',
            "kind: must be one of",
        ),
        (
            '{"x-career-journal": {"entries": [{"kind": "raise", "date": "2020-01-01", "title": "x", "amount": "lots"}]}}',
            "is not a number",
        ),
        ('{"basics": {"profiles": [{"url": "javascript:alert(1)"}]}}', "is not an http(s) link"),
        ('{"basics": {"email": "nope"}}', "is not a 'email'"),
    ],
)
def test_invalid_files_list_their_errors(document, message):
    with pytest.raises(ResumeError) as caught:
        parse_resume(document)
    assert any(message in error for error in caught.value.errors), caught.value.errors


def test_all_errors_are_listed_at_once():
    document = {
        "work": [{"position": "A"}, {"position": "B", "startDate": "2020-02-31"}],
        "awards": [{"date": "2020-01-01"}],
    }
    with pytest.raises(ResumeError) as caught:
        parse_resume(json.dumps(document))
    assert len(caught.value.errors) == 3


def test_non_utf8_bytes_are_refused_clearly():
    with pytest.raises(ResumeError) as caught:
        parse_resume('{"basics": {"name": "Zoë"}}'.encode("latin-1"))
    assert caught.value.errors == ["The file is not UTF-8 text."]
