"""Hypothesis-generated input to every form: never a 500, on either database."""

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import csrf_token

text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "2025-02-30",
            "-1",
            "1e400",
            "NaN",
            "<script>alert(1)</script>",
            "javascript:alert(1)",
            "x" * 5000,
            "a@b",
            "ü@例え.jp",
            "9" * 40,
        ]
    ),
)
FORMS = {
    "/signup": ["name", "email", "password", "role"],
    "/login": ["email", "password"],
    "/profile": [
        "name",
        "email",
        "phone",
        "location",
        "headline",
        "title",
        "employer",
        "industries",
        "skills",
        "links",
        "status",
    ],
    "/journal/new": [
        "kind",
        "date",
        "title",
        "employer",
        "amount",
        "currency",
        "details",
        "shared",
        "shown_for",
        "update_profile",
    ],
}
FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def form_input(path):
    return st.fixed_dictionaries({}, optional={name: text for name in FORMS[path]})


def submit(client, path, form):
    form = {**form, "csrf_token": csrf_token(client)}
    response = client.post(path, data=form)
    assert response.status_code < 500, (path, form)


@FUZZ
@given(signup=form_input("/signup"), login=form_input("/login"))
def test_anonymous_forms_never_fail(app, signup, login):
    client = app.test_client()
    submit(client, "/signup", signup)
    submit(app.test_client(), "/login", login)


@pytest.fixture
def candidate(accounts):
    """One candidate for all examples of a test: signing up is the slow part."""
    return accounts.candidate()


@FUZZ
@given(profile=form_input("/profile"), entry=form_input("/journal/new"))
def test_candidate_forms_never_fail(candidate, profile, entry):
    submit(candidate, "/profile", profile)
    submit(candidate, "/journal/new", entry)


@FUZZ
@given(body=st.one_of(st.binary(max_size=2000), st.text(max_size=500).map(str.encode)))
def test_resume_import_never_fails(candidate, body):
    response = candidate.post(
        "/journal/import",
        data={"csrf_token": csrf_token(candidate), "file": (io.BytesIO(body), "r.json")},
        content_type="multipart/form-data",
    )
    assert response.status_code in (302, 422)


@pytest.fixture
def recruiter(accounts):
    return accounts.recruiter()


cell = st.one_of(text, st.emails(), st.sampled_from(["a;b;c", "x,y", '"quoted, comma"', "\r\n", "BEGIN:VCARD"]))
csv_file = st.lists(st.lists(cell, min_size=1, max_size=6), min_size=1, max_size=6).map(
    lambda rows: "\n".join(",".join('"' + c.replace('"', '""') + '"' for c in row) for row in rows)
)
vcard_file = st.lists(
    st.lists(
        st.one_of(
            text,
            st.sampled_from(
                [
                    "FN:Ann",
                    "EMAIL:ann@example.com",
                    "N:;;;;",
                    "ORG:;",
                    "ADR:;;;;;;",
                    "CATEGORIES:,,",
                    "END:VCARD",
                    "BEGIN:VCARD",
                    "VERSION:4.0",
                ]
            ),
        ),
        max_size=8,
    ),
    min_size=1,
    max_size=4,
).map(lambda cards: "".join("BEGIN:VCARD\r\n" + "\r\n".join(lines) + "\r\nEND:VCARD\r\n" for lines in cards))
IMPORT_FIELDS = ["name", "email", "phone", "location", "title", "employer", "industries", "skills", "notes", "tags"]


@FUZZ
@given(
    body=st.one_of(
        st.binary(max_size=3000),
        csv_file.map(str.encode),
        vcard_file.map(str.encode),
        csv_file.map(lambda t: t.encode("utf-16")),
        csv_file.map(lambda t: t.encode("cp1252", "replace")),
    )
)
def test_contact_import_never_fails(recruiter, body):
    """Any file, through upload, mapping, check and import: a clear answer at each step, never our own failure."""
    from tests.test_imports import upload, work

    response = upload(recruiter, body, "contacts.csv")
    assert response.status_code in (302, 422)
    if response.status_code == 422:
        return
    url = response.headers["Location"]
    page = recruiter.get(url)
    assert page.status_code == 200
    if "Which column is which?" in page.get_data(as_text=True):
        columns = page.get_data(as_text=True).count('<select id="column_')
        mapping = {f"column_{i}": IMPORT_FIELDS[i] if i < len(IMPORT_FIELDS) else "" for i in range(columns)}
        assert (
            recruiter.post(f"{url}/mapping", data={**mapping, "csrf_token": csrf_token(recruiter)}).status_code == 302
        )
    work(recruiter)
    recruiter.post(f"{url}/run", data={"csrf_token": csrf_token(recruiter)})
    work(recruiter)
    page = recruiter.get(url)
    assert page.status_code == 200 and "Something went wrong on our side" not in page.get_data(as_text=True)
