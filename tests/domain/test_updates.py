"""Building, validating and summarising update documents (no Flask)."""

import copy
from datetime import date
from decimal import Decimal

import pytest

from journal.domain.updates import UpdateInvalid, summarise, validate_update
from tests.domain.factories import Candidate, entry, entry_ref


def test_first_update_carries_the_whole_profile_and_shared_entries():
    candidate = Candidate()
    candidate.entries[1] = entry(1)
    doc = candidate.send(note="Hello")
    assert doc["type"] == "career-journal.update" and doc["version"] == 1 and doc["sequence"] == 1
    assert doc["candidate"]["title"] == "Account Director" and doc["candidate"]["ref"] == candidate.ref
    assert doc["changed"] == [] and doc["previous"] == {}
    assert [e["id"] for e in doc["entries"]] == [entry_ref(1)]
    assert doc["note"] == "Hello"
    assert doc["issued_at"].endswith("Z")


def test_changed_and_previous_list_what_differs_from_the_last_update():
    candidate = Candidate()
    candidate.send()
    doc = candidate.send(title="Vice President, Sales", email="casey@new.example")
    assert doc["changed"] == ["email", "title"]
    assert doc["previous"] == {"email": "casey@example.com", "title": "Account Director"}
    assert doc["sequence"] == 2


def test_only_new_or_edited_entries_are_sent_again():
    candidate = Candidate()
    candidate.entries = {1: entry(1), 2: entry(2)}
    candidate.send()
    candidate.entries[2] = entry(2, revision=2)
    candidate.entries[3] = entry(3)
    doc = candidate.send()
    assert [(e["id"], e["revision"]) for e in doc["entries"]] == [(entry_ref(2), 2), (entry_ref(3), 1)]


def test_entries_no_longer_shared_are_retracted():
    candidate = Candidate()
    candidate.entries = {1: entry(1), 2: entry(2, revision=4)}
    candidate.send()
    del candidate.entries[2]  # made private or deleted
    doc = candidate.send()
    assert doc["retracted"] == [{"id": entry_ref(2), "revision": 5}]
    assert "retracted" not in candidate.send()


def test_amounts_travel_only_on_shared_entries_as_strings():
    candidate = Candidate()
    candidate.entries[1] = entry(1, kind="raise", amount=Decimal("185000"), currency="USD")
    doc = candidate.send()
    assert doc["entries"][0]["amount"] == "185000.00" and doc["entries"][0]["currency"] == "USD"


def test_nothing_changed_still_makes_a_valid_update():
    candidate = Candidate()
    candidate.send()
    doc = candidate.send()
    assert doc["changed"] == [] and doc["entries"] == []
    assert summarise(doc) == ["No changes: details confirmed as current"]


def test_summary_lines_read_like_the_issue():
    candidate = Candidate()
    candidate.send()
    candidate.entries[1] = entry(1, kind="promotion", title="Vice President, Sales")
    doc = candidate.send(title="Vice President, Sales", status="looking")
    assert summarise(doc) == [
        "Title: Account Director → Vice President, Sales",
        "Job-search status: open to offers → actively looking",
        "1 new or edited entry: Vice President, Sales",
    ]


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("type",), "something.else"),
        (("version",), 2),
        (("id",), "not-a-uuid"),
        (("sequence",), 0),
        (("candidate", "status"), "retired"),
        (("candidate", "email"), "no-at-sign"),
        (("candidate", "links"), ["javascript:alert(1)"]),
        (("changed",), ["salary"]),
        (("candidate", "secret"), "x"),
    ],
)
def test_schema_refuses_malformed_documents(path, value):
    doc = Candidate().send()
    bad = copy.deepcopy(doc)
    target = bad
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(UpdateInvalid):
        validate_update(bad)


def test_schema_refuses_a_missing_field_and_says_where():
    doc = Candidate().send()
    del doc["candidate"]["ref"]
    with pytest.raises(UpdateInvalid) as caught:
        validate_update(doc)
    assert "candidate: 'ref' is a required property" in caught.value.errors[0]


def test_entry_dates_are_plain_dates():
    candidate = Candidate()
    candidate.entries[1] = entry(1)
    assert candidate.send()["entries"][0]["date"] == date(2025, 1, 2).isoformat()


def test_the_first_update_says_so():
    assert summarise(Candidate().send()) == ["First update: Account Director at Northline"]
    assert summarise(Candidate(title="", employer="").send()) == ["First update"]
