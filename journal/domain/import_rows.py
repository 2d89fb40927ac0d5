"""Contact import rules: which column is which, what a valid row is, and how a row merges
into a contact that already exists (no Flask, no database).

Merging never loses anything: a file fills in what the record lacks, adds list items
(industries, skills, tags) it does not have yet and appends notes; a value the record already
holds is kept, and the preview says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email

from journal.domain.entries import PHONE_PATTERN, split_list

# (code, label) in the order of the mapping menu; "" ignores a column
FIELDS = (
    ("name", "Name"),
    ("first_name", "First name"),
    ("last_name", "Last name"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("location", "Location"),
    ("title", "Title"),
    ("employer", "Employer"),
    ("industries", "Industries"),
    ("skills", "Skills"),
    ("notes", "Notes"),
    ("tags", "Tags"),
)
TEXT = ("name", "email", "phone", "location", "title", "employer")
LISTS = {"industries": (50, 80), "skills": (100, 80), "tags": (30, 60)}  # (items, characters each)
MAX_LENGTH = {"name": 120, "email": 254, "phone": 40, "location": 120, "title": 120, "employer": 120, "notes": 20_000}
LABELS = dict(FIELDS)

# Header words (lower-case, letters and digits only) and the field they mean.
SYNONYMS = {
    "name": "name",
    "fullname": "name",
    "contactname": "name",
    "candidatename": "name",
    "displayname": "name",
    "firstname": "first_name",
    "givenname": "first_name",
    "forename": "first_name",
    "first": "first_name",
    "lastname": "last_name",
    "surname": "last_name",
    "familyname": "last_name",
    "last": "last_name",
    "email": "email",
    "emailaddress": "email",
    "mail": "email",
    "email1": "email",
    "primaryemail": "email",
    "workemail": "email",
    "personalemail": "email",
    "phone": "phone",
    "phonenumber": "phone",
    "mobile": "phone",
    "mobilephone": "phone",
    "cell": "phone",
    "cellphone": "phone",
    "telephone": "phone",
    "tel": "phone",
    "mobilenumber": "phone",
    "location": "location",
    "city": "location",
    "address": "location",
    "title": "title",
    "jobtitle": "title",
    "position": "title",
    "role": "title",
    "currenttitle": "title",
    "employer": "employer",
    "company": "employer",
    "companyname": "employer",
    "organization": "employer",
    "organisation": "employer",
    "org": "employer",
    "currentemployer": "employer",
    "currentcompany": "employer",
    "industries": "industries",
    "industry": "industries",
    "sector": "industries",
    "skills": "skills",
    "skill": "skills",
    "expertise": "skills",
    "notes": "notes",
    "note": "notes",
    "comments": "notes",
    "comment": "notes",
    "remarks": "notes",
    "tags": "tags",
    "tag": "tags",
    "labels": "tags",
    "categories": "tags",
    "category": "tags",
}


@dataclass(frozen=True)
class Folded:
    """A contact's values after a row merged into them, and what the row did."""

    values: dict[str, Any]
    filled: tuple[str, ...]  # fields the row added to
    kept: tuple[str, ...]  # fields where the record's own, different value stayed


def guess_mapping(header: list[str]) -> list[str]:
    """A field for each column from its heading ("" for none); each field is used once."""
    taken: set[str] = set()
    mapping = []
    for heading in header:
        code = SYNONYMS.get(re.sub(r"[^a-z0-9]", "", heading.lower()), "")
        if code in taken:
            code = ""
        taken.add(code)
        mapping.append(code)
    return mapping


def mapping_problems(mapping: list[str]) -> list[str]:
    """What is wrong with a chosen mapping: a name is needed, and no field may be chosen twice."""
    chosen = [code for code in mapping if code]
    problems = []
    if "name" not in chosen and "first_name" not in chosen and "last_name" not in chosen:
        problems.append("Choose the column that holds the name (or the first and last name columns).")
    twice = sorted({LABELS[code] for code in chosen if chosen.count(code) > 1})
    if twice:
        problems.append(f"Each field can come from one column only: {', '.join(twice)} is chosen twice.")
    return problems


def cells_by_field(mapping: list[str], cells: list[str]) -> tuple[dict[str, str], list[str]]:
    """The cells of one CSV row under their fields; more cells than columns is an error."""
    extra = [c for c in cells[len(mapping) :] if c.strip()]
    errors = (
        [
            f"The row has {len(cells)} cells but the file has {len(mapping)} columns: "
            "check for a comma that is not inside quotation marks."
        ]
        if extra
        else []
    )
    values = {code: cells[index] for index, code in enumerate(mapping) if code and index < len(cells)}
    return values, errors


def clean_row(cells: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Contact values from one row's cells, and the errors that keep the row out."""
    errors: list[str] = []
    values: dict[str, Any] = {}
    name = _one_line(cells.get("name"))
    if not name:
        name = " ".join(p for p in (_one_line(cells.get("first_name")), _one_line(cells.get("last_name"))) if p)
    cells = {**cells, "name": name}
    for code in TEXT:
        values[code] = _one_line(cells.get(code))
    values["email"] = values["email"].lower()
    values["notes"] = (cells.get("notes") or "").strip()
    for code, (items, length) in LISTS.items():
        values[code] = _split(cells.get(code))
        if len(values[code]) > items:
            errors.append(f"{LABELS[code]}: keep it to {items} items or fewer.")
        elif any(len(item) > length for item in values[code]):
            errors.append(f"{LABELS[code]}: each item may have at most {length} characters.")
    if not values["name"]:
        errors.append("Name: this row has no name.")
    for code, limit in MAX_LENGTH.items():
        if len(values[code]) > limit:
            errors.append(f"{LABELS[code]}: at most {limit:,} characters (this has {len(values[code]):,}).")
    if values["email"] and len(values["email"]) <= MAX_LENGTH["email"]:
        try:
            validate_email(values["email"], check_deliverability=False)
        except EmailNotValidError:
            errors.append(f"Email: “{values['email'][:80]}” is not a valid email address.")
    if values["phone"] and not PHONE_PATTERN.match(values["phone"]):
        errors.append("Phone: use digits, spaces and + ( ) - . only.")
    return values, errors


def _one_line(value: str | None) -> str:
    return " ".join((value or "").split())


def _split(text: str | None) -> list[str]:
    """Semicolons separate items when the cell has any (as in our own export), else commas or lines."""
    text = text or ""
    return split_list(text, ";" if ";" in text else ",")


def fold(existing: dict[str, Any], row: dict[str, Any]) -> Folded:
    """Merge one row into a contact's values: fill blanks, add new list items, append notes."""
    values = dict(existing)
    filled, kept = [], []
    for code in TEXT:
        mine, theirs = existing.get(code) or "", row.get(code) or ""
        if theirs and not mine:
            values[code] = theirs
            filled.append(code)
        elif theirs and mine.casefold() != theirs.casefold():
            kept.append(code)
    for code, (items, _length) in LISTS.items():
        mine = list(existing.get(code) or [])
        known = {item.casefold() for item in mine}
        added = [item for item in row.get(code) or [] if item.casefold() not in known]
        if added and len(mine) < items:
            values[code] = (mine + added)[:items]
            filled.append(code)
    notes, extra = existing.get("notes") or "", row.get("notes") or ""
    if extra and extra not in notes:
        values["notes"] = (f"{notes}\n\n{extra}" if notes else extra)[: MAX_LENGTH["notes"]]
        filled.append("notes")
    return Folded(values, tuple(filled), tuple(kept))


def describe(folded: Folded) -> str:
    """What a merge did, for the preview: "adds Phone, Skills; keeps your Title"."""
    parts = []
    if folded.filled:
        parts.append("adds " + ", ".join(LABELS[c] for c in folded.filled))
    if folded.kept:
        parts.append("keeps your " + ", ".join(LABELS[c] for c in folded.kept))
    return "; ".join(parts) or "nothing new"
