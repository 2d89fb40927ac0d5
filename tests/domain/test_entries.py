"""Entry kinds and privacy defaults (no Flask)."""

from datetime import date
from types import SimpleNamespace

import pytest

from journal.domain.entries import (
    KINDS_BY_CODE,
    group_by_year,
    resolve_shared,
    shared_default,
    split_list,
)


@pytest.mark.parametrize("kind", ["review", "raise", "counseling", "note", "contact_change"])
def test_private_by_default(kind):
    assert shared_default(kind) is False


@pytest.mark.parametrize("kind", ["role", "promotion", "education", "certification", "achievement", "move"])
def test_shared_by_default(kind):
    assert shared_default(kind) is True


def test_every_kind_of_the_issue_exists_with_its_label():
    labels = [k.label for k in KINDS_BY_CODE.values()]
    assert labels == [
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
    ]


@pytest.mark.parametrize(
    ("kind", "shown_for", "checked", "expected"),
    [
        ("review", "review", False, False),  # form opened for the kind; box untouched
        ("review", "role", True, False),  # picked Review without JS; box still at Role's default
        ("review", "role", False, False),  # candidate cleared the box: respected
        ("role", "review", False, True),  # picked Role without JS; box at Review's default
        ("role", "review", True, True),  # candidate ticked it: respected
        ("raise", "note", True, True),  # ticked by hand on a private kind: respected
        ("note", None, True, True),  # no hint: the box decides
        ("note", "bogus", True, True),
    ],
)
def test_resolve_shared(kind, shown_for, checked, expected):
    assert resolve_shared(kind, shown_for, checked) is expected


def test_group_by_year_keeps_order():
    entries = [
        SimpleNamespace(date=date(2026, 5, 1)),
        SimpleNamespace(date=date(2026, 1, 1)),
        SimpleNamespace(date=date(2024, 3, 1)),
    ]
    grouped = group_by_year(entries)
    assert [year for year, _ in grouped] == [2026, 2024]
    assert len(grouped[0][1]) == 2


def test_split_list_trims_and_deduplicates():
    assert split_list(" automotive, Fintech,\nautomotive ,, AUTOMOTIVE\n  electric  vehicles ") == [
        "automotive",
        "Fintech",
        "electric vehicles",
    ]
    assert split_list(None) == []
