"""Reading contact files: the bytes of an upload into text, then CSV rows or vCards (no Flask, no database).

Whole-file problems raise ``ImportFileError`` with a message for the recruiter; a problem with
one row or one card is returned with that row, so the preview can list it and go on.
"""

from __future__ import annotations

import codecs
import csv
import re
from dataclasses import dataclass, field

import vobject

MAX_CELL = 100_000  # characters in one CSV field; a larger one means the quoting is broken
ENCODINGS = {"utf-8": "UTF-8", "utf-16": "UTF-16", "cp1252": "Windows-1252 (Latin-1)", "latin-1": "Latin-1"}


class ImportFileError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the label shown to the recruiter, e.g. "UTF-8"

    @property
    def guessed(self) -> bool:
        """True when the file was not UTF-8 and was read as a legacy encoding."""
        return self.encoding not in (ENCODINGS["utf-8"], ENCODINGS["utf-16"])


@dataclass(frozen=True)
class CsvTable:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, header is row 1; cells)
    delimiter: str = ","


@dataclass
class Card:
    """One vCard: the line it starts on, the values read from it, or why it could not be read."""

    line: int
    cells: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without a BOM) or UTF-16 with a BOM; anything else is read as Windows-1252."""
    if not data.strip():
        raise ImportFileError("The file is empty.")
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFileError(
            "This is a spreadsheet workbook, not a CSV file. In your spreadsheet program choose "
            "“Save as” → “CSV (comma-separated values)” and upload that file."
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(_clean(data.decode("utf-16")), ENCODINGS["utf-16"])
        except UnicodeDecodeError:
            raise ImportFileError("The file says it is UTF-16 but is not. Save it again as UTF-8 CSV.") from None
    if b"\x00" in data[:8192]:
        raise ImportFileError("This is not a text file. Upload a CSV file or a vCard (.vcf) file.")
    try:
        return Decoded(_clean(data.decode("utf-8-sig")), ENCODINGS["utf-8"])
    except UnicodeDecodeError:
        pass
    try:
        return Decoded(_clean(data.decode("cp1252")), ENCODINGS["cp1252"])
    except UnicodeDecodeError:  # the five bytes Windows-1252 leaves undefined
        return Decoded(_clean(data.decode("latin-1")), ENCODINGS["latin-1"])


def _clean(text: str) -> str:
    # PostgreSQL refuses NUL in text; a stray one is noise, not data
    return text.replace("\x00", "")


def looks_like_vcard(text: str) -> bool:
    return bool(re.match(r"\s*BEGIN:VCARD", text[:1000], re.IGNORECASE))


def read_csv(text: str) -> CsvTable:
    """The header and every non-blank row; quoted fields may hold commas and line breaks."""
    delimiter = _delimiter(text)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=False)
    csv.field_size_limit(MAX_CELL)
    rows: list[tuple[int, list[str]]] = []
    header: list[str] | None = None
    number = 0
    try:
        for cells in reader:
            number += 1
            if header is None:
                if not any(c.strip() for c in cells):
                    number -= 1  # blank lines before the header do not count as rows
                    continue
                header = [" ".join(c.split()) for c in cells]
            elif any(c.strip() for c in cells):
                rows.append((number, cells))
    except csv.Error as error:
        raise ImportFileError(f"Row {number + 1} could not be read ({error}). Check its quotation marks.") from None
    if header is None:
        raise ImportFileError("The file is empty.")
    if not rows:
        raise ImportFileError("The file has a header row but no contacts under it.")
    return CsvTable(header, rows, delimiter)


def _delimiter(text: str) -> str:
    """Comma, semicolon (Excel in much of Europe) or tab: whichever splits the first line most."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_vcards(text: str) -> list[Card]:
    """Every BEGIN:VCARD … END:VCARD block, read; a block that does not parse is a card with an error."""
    return [read_card(line, block) for line, block in split_vcards(text)]


def split_vcards(text: str) -> list[tuple[int, str | None]]:
    """(line it starts on, the card's text) for every card, without reading them yet (that is the slow
    part); the text is None for a card cut off before its END:VCARD."""
    blocks: list[tuple[int, str | None]] = []
    block: list[str] | None = None
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        marker = line.strip().upper()
        if marker == "BEGIN:VCARD":
            if block is not None:
                blocks.append((start, None))
            block, start = [line.strip()], number
        elif block is not None:
            block.append(line)
            if marker == "END:VCARD":
                blocks.append((start, "\r\n".join(block) + "\r\n"))
                block = None
    if block is not None:
        blocks.append((start, None))
    if not blocks:
        raise ImportFileError(
            "No vCards found in the file. A vCard file holds BEGIN:VCARD … END:VCARD blocks; "
            "for a spreadsheet, upload a CSV file."
        )
    return blocks


def read_card(line: int, block: str | None) -> Card:
    """One card's values, or why it cannot be read."""
    if block is None:
        return Card(line, errors=["This card has no END:VCARD line."])
    return _card(line, block)


def _card(line: int, text: str) -> Card:
    try:
        vcard = vobject.readOne(text)
        cells = _card_cells(vcard)
    except Exception as error:  # vobject raises several kinds; any of them means this card is broken
        reason = " ".join(str(error).split())[:200] or type(error).__name__
        return Card(line, errors=[f"This card could not be read: {reason}"])
    return Card(line, cells)


def _card_cells(vcard) -> dict[str, str]:
    contents = vcard.contents

    def first(key: str):
        values = contents.get(key) or []
        return values[0].value if values else None

    cells: dict[str, str] = {}
    name = first("fn")
    if not name and first("n") is not None:
        n = first("n")
        name = " ".join(part for part in (_text(n.given), _text(n.additional), _text(n.family)) if part)
    cells["name"] = _text(name)
    cells["email"] = _text(first("email"))
    cells["phone"] = _text(first("tel"))
    cells["title"] = _text(first("title"))
    org = first("org")
    cells["employer"] = _text(org[0] if isinstance(org, list) and org else org)
    adr = first("adr")
    if adr is not None:
        cells["location"] = ", ".join(p for p in (_text(adr.city), _text(adr.region), _text(adr.country)) if p)
    categories = [_text(c) for item in contents.get("categories", []) for c in _as_list(item.value)]
    cells["tags"] = "; ".join(c for c in categories if c)
    cells["notes"] = _text(first("note"))
    return cells


def _as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def _text(value) -> str:
    if isinstance(value, list):
        value = " ".join(_text(v) for v in value)
    return " ".join(str(value or "").split())
