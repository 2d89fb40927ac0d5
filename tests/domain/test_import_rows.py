"""Import rules: guessing columns, checking a row, and merging a row into a contact (no Flask)."""

from journal.domain.import_rows import (
    cells_by_field,
    clean_row,
    describe,
    fold,
    guess_mapping,
    mapping_problems,
)


def test_columns_are_guessed_from_common_headings():
    assert guess_mapping(
        [
            "First Name",
            "Last Name",
            "E-mail Address",
            "Company",
            "Job Title",
            "Mobile",
            "Industry",
            "Skills",
            "Comments",
            "Tags",
            "Shoe size",
        ]
    ) == ["first_name", "last_name", "email", "employer", "title", "phone", "industries", "skills", "notes", "tags", ""]
    # our own export's headings map back, and a field is guessed once only
    assert guess_mapping(["name", "email", "employer", "company"]) == ["name", "email", "employer", ""]


def test_mapping_needs_a_name_and_each_field_once():
    assert mapping_problems(["name", "email"]) == []
    assert mapping_problems(["first_name", "last_name"]) == []
    assert mapping_problems(["email", ""]) == [
        "Choose the column that holds the name (or the first and last name columns)."
    ]
    assert "Email is chosen twice" in mapping_problems(["name", "email", "email"])[0]


def test_cells_beyond_the_header_are_an_error_unless_empty():
    assert cells_by_field(["name", ""], ["Ann", "x", "", " "]) == ({"name": "Ann"}, [])
    values, errors = cells_by_field(["name", "email"], ["Doe", " Jane", "jane@example.com"])
    assert values == {"name": "Doe", "email": " Jane"} and "3 cells but the file has 2 columns" in errors[0]


def test_a_clean_row():
    values, errors = clean_row(
        {
            "first_name": " Jane ",
            "last_name": "Doe",
            "email": " JANE@Example.com ",
            "industries": "automotive, fintech",
            "skills": "Python; SQL, Postgres; python",
            "tags": "silver medalist",
            "notes": "  Met at the fair\nLikes EVs  ",
        }
    )
    assert errors == []
    assert values == {
        "name": "Jane Doe",
        "email": "jane@example.com",
        "phone": "",
        "location": "",
        "title": "",
        "employer": "",
        "notes": "Met at the fair\nLikes EVs",
        "industries": ["automotive", "fintech"],
        "skills": ["Python", "SQL, Postgres"],
        "tags": ["silver medalist"],
    }


def test_row_errors_say_what_to_fix():
    _, errors = clean_row(
        {"email": "not-an-email", "phone": "call me", "title": "x" * 121, "tags": ", ".join(f"t{i}" for i in range(31))}
    )
    assert errors == [
        "Tags: keep it to 30 items or fewer.",
        "Name: this row has no name.",
        "Title: at most 120 characters (this has 121).",
        "Email: “not-an-email” is not a valid email address.",
        "Phone: use digits, spaces and + ( ) - . only.",
    ]


def test_fold_fills_blanks_adds_list_items_and_keeps_what_the_record_holds():
    existing = {
        "name": "Jane Doe",
        "email": "jane@example.com",
        "phone": "",
        "location": "Detroit",
        "title": "VP Sales",
        "employer": "",
        "industries": ["automotive"],
        "skills": [],
        "tags": ["vip"],
        "notes": "Call in spring",
    }
    row = {
        "name": "J. Doe",
        "email": "jane@example.com",
        "phone": "+1 555 0100",
        "location": "detroit",
        "title": "Sales Director",
        "employer": "Northline",
        "industries": ["Automotive", "EV"],
        "skills": ["negotiation"],
        "tags": ["VIP"],
        "notes": "Met at the fair",
    }
    folded = fold(existing, row)
    assert folded.values == {
        **existing,
        "phone": "+1 555 0100",
        "employer": "Northline",
        "industries": ["automotive", "EV"],
        "skills": ["negotiation"],
        "notes": "Call in spring\n\nMet at the fair",
    }
    assert folded.filled == ("phone", "employer", "industries", "skills", "notes")
    assert folded.kept == ("name", "title")
    assert describe(folded) == "adds Phone, Employer, Industries, Skills, Notes; keeps your Name, Title"


def test_fold_twice_changes_nothing_more():
    row = {"name": "Ann", "email": "a@example.com", "notes": "hello", "tags": ["x"], "skills": ["Go"]}
    once = fold({"name": "Ann", "email": "a@example.com"}, row).values
    again = fold(once, row)
    assert again.values == once and again.filled == () and describe(again) == "nothing new"


def test_fold_respects_list_limits():
    full = {"tags": [f"t{i}" for i in range(30)]}
    assert fold(full, {"tags": ["one more"]}).values["tags"] == full["tags"]
    assert len(fold({"tags": [f"t{i}" for i in range(29)]}, {"tags": ["a", "b"]}).values["tags"]) == 30
