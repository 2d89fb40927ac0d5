"""Reading uploaded contact files: encodings, CSV quirks, vCards good and broken (no Flask)."""

import codecs

import pytest

from journal.domain.import_files import (
    ImportFileError,
    decode,
    looks_like_vcard,
    read_csv,
    read_vcards,
)
from journal.domain.vcards import person_vcard


def test_utf8_with_and_without_bom():
    assert decode("Zoë,Łódź".encode()).text == "Zoë,Łódź"
    with_bom = decode(codecs.BOM_UTF8 + "name\nZoë".encode())
    assert with_bom.text == "name\nZoë" and with_bom.encoding == "UTF-8" and not with_bom.guessed


def test_latin1_file_is_read_as_windows_1252_and_says_so():
    decoded = decode("name,city\nJosé Müller,Zürich – Süd\n".encode("cp1252"))
    assert decoded.text == "name,city\nJosé Müller,Zürich – Süd\n"
    assert decoded.guessed and decoded.encoding == "Windows-1252 (Latin-1)"
    # bytes Windows-1252 leaves undefined still read, as Latin-1
    assert decode(b"name\nA\x81B\n").encoding == "Latin-1"


def test_utf16_with_bom():
    decoded = decode("name,email\nZoë,zoe@example.com\n".encode("utf-16"))
    assert decoded.text == "name,email\nZoë,zoe@example.com\n" and decoded.encoding == "UTF-16"


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "The file is empty."),
        (b"  \n\n", "The file is empty."),
        (b"PK\x03\x04rest-of-a-zip", "spreadsheet workbook"),
        (b"\xd0\xcf\x11\xe0old-excel", "spreadsheet workbook"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a text file"),
    ],
)
def test_files_that_cannot_be_read_say_why(data, message):
    with pytest.raises(ImportFileError, match=message):
        decode(data)


def test_quoted_commas_quotes_and_line_breaks_stay_in_their_cell():
    table = read_csv('name,notes,employer\n"Doe, Jane","said ""hi""\nthen left","Acme, Inc"\nBob,,Beta\n')
    assert table.header == ["name", "notes", "employer"]
    assert table.rows == [(2, ["Doe, Jane", 'said "hi"\nthen left', "Acme, Inc"]), (3, ["Bob", "", "Beta"])]


def test_row_numbers_match_the_spreadsheet_and_blank_rows_are_skipped():
    table = read_csv("\nname,email\nAnn,a@example.com\n,\n\nBob,b@example.com\n")
    assert [number for number, _ in table.rows] == [2, 5]


@pytest.mark.parametrize(
    "text, delimiter",
    [
        ("name;email\nAnn;a@x.org\n", ";"),
        ("name\temail\nAnn\ta@x.org\n", "\t"),
        ("name,email\nAnn,a@x.org\n", ","),
        ("name\nAnn\n", ","),
    ],
)
def test_delimiter_is_taken_from_the_header(text, delimiter):
    table = read_csv(text)
    assert table.delimiter == delimiter and table.rows[0][1][0] == "Ann"


def test_header_without_rows_and_broken_quoting():
    with pytest.raises(ImportFileError, match="no contacts"):
        read_csv("name,email\n\n")
    with pytest.raises(ImportFileError, match="Row 2 could not be read"):
        read_csv('name,notes\nAnn,"' + "x" * 200_000 + '"\n')


def test_many_vcards_in_one_file_including_our_own_export():
    text = person_vcard(
        {
            "name": "Ann Lee",
            "email": "ann@example.com",
            "title": "Buyer",
            "employer": "Acme",
            "phone": "+1 555 0100",
            "location": "Detroit",
            "tags": ["silver medalist"],
        }
    ) + (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Zed;Bob;;;\r\nEMAIL;TYPE=work:bob@example.com\r\n"
        "ORG:Beta GmbH;Sales\r\nADR:;;Main St 1;Berlin;;10115;Germany\r\nNOTE:Met at the fair\\, twice\r\n"
        "END:VCARD\r\n"
    )
    assert looks_like_vcard(text)
    ann, bob = read_vcards(text)
    assert ann.errors == [] and ann.line == 1
    assert ann.cells["name"] == "Ann Lee" and ann.cells["email"] == "ann@example.com"
    assert ann.cells["employer"] == "Acme" and ann.cells["title"] == "Buyer" and ann.cells["tags"] == "silver medalist"
    assert bob.cells["name"] == "Bob Zed" and bob.cells["employer"] == "Beta GmbH"
    assert bob.cells["location"] == "Berlin, Germany" and bob.cells["notes"] == "Met at the fair, twice"


def test_broken_vcards_are_listed_and_the_rest_still_read():
    text = (
        "BEGIN:VCARD\nVERSION:3.0\nFN:Good One\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN Missing colon\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Cut off\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Last\nEND:VCARD\n"
    )
    cards = read_vcards(text)
    assert [(c.line, c.cells.get("name"), bool(c.errors)) for c in cards] == [
        (1, "Good One", False),
        (5, None, True),
        (9, None, True),
        (12, "Last", False),
    ]
    assert "could not be read" in cards[1].errors[0] and cards[2].errors == ["This card has no END:VCARD line."]


def test_a_file_without_cards():
    with pytest.raises(ImportFileError, match="No vCards found"):
        read_vcards("hello\nworld\n")
