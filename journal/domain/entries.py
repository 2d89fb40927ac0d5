"""Journal entry kinds, their privacy defaults, and timeline grouping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from typing import Iterable, Sequence, TypeVar
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Kind:
    """What one kind of journal entry is called and how it behaves."""

    code: str
    label: str
    shared_by_default: bool
    has_employer: bool = False
    has_amount: bool = False


# Order is the order of the Kind menu. Privacy defaults follow DESIGN.md; "contact change"
# is not named there and stays private: the profile already carries the new details.
KINDS: tuple[Kind, ...] = (
    Kind("role", "Role", True, has_employer=True),
    Kind("promotion", "Promotion", True, has_employer=True),
    Kind("review", "Review", False),
    Kind("raise", "Raise", False, has_amount=True),
    Kind("education", "Education", True, has_employer=True),
    Kind("certification", "Certification", True, has_employer=True),
    Kind("achievement", "Achievement", True),
    Kind("move", "Move", True),
    Kind("contact_change", "Contact change", False),
    Kind("counseling", "Counseling note", False),
    Kind("note", "Note", False),
)
KINDS_BY_CODE = {kind.code: kind for kind in KINDS}
SHARED_BY_DEFAULT = frozenset(kind.code for kind in KINDS if kind.shared_by_default)


def kind_label(code: str) -> str:
    """The label people read for a kind code (unknown codes shown as they are)."""
    return KINDS_BY_CODE[code].label if code in KINDS_BY_CODE else code


def shared_default(kind: str) -> bool:
    """Whether a new entry of this kind is shared with recruiters unless the candidate says otherwise."""
    return kind in SHARED_BY_DEFAULT


def resolve_shared(kind: str, shown_for: str | None, checked: bool) -> bool:
    """Decide the shared flag from a submitted form.

    The form shows the checkbox pre-set for the kind named in ``shown_for``. If the
    candidate then picked another kind (without JavaScript to re-set the box) and left
    the box as it was, the new kind's default applies: a review never becomes shared
    just because the form opened on "Role". A box the candidate flipped is respected.
    """
    if shown_for is None or shown_for == kind or shown_for not in KINDS_BY_CODE:
        return checked
    if checked == shared_default(shown_for):
        return shared_default(kind)
    return checked


T = TypeVar("T")


def group_by_year(entries: Iterable[T], year_of=lambda e: e.date.year) -> list[tuple[int, list[T]]]:
    """Group entries (already sorted newest first) into ``[(year, [entries…]), …]``."""
    return [(year, list(items)) for year, items in groupby(entries, key=year_of)]


# What a phone number may hold: digits, spaces, + ( ) - . and an extension.
PHONE_PATTERN = re.compile(r"^[0-9+()./ \-]*(ext\.? ?[0-9]+)?$")


def split_list(text: str | None, sep: str = ",") -> list[str]:
    """Parse a comma- (or ``sep``-) or line-separated list, dropping blanks and case-insensitive repeats."""
    seen: set[str] = set()
    items: list[str] = []
    for raw in (text or "").replace("\n", sep).split(sep):
        item = " ".join(raw.split())
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            items.append(item)
    return items


def join_list(items: Sequence[str] | None, sep: str = ", ") -> str:
    """The inverse of split_list, for showing a list in a text field."""
    return sep.join(items or [])


def is_web_address(url: object) -> bool:
    """An http(s) address with a host; text that urlsplit cannot read ("http://[::1") is not one."""
    if not isinstance(url, str):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:  # a bracket that never closes
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)
