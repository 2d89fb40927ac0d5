"""Hypothesis-generated input to every form: never a 500, on either database."""
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import csrf_token

text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(["", " ", "\x00", "2025-02-30", "-1", "1e400", "NaN", "<script>alert(1)</script>",
                     "javascript:alert(1)", "x" * 5000, "a@b", "ü@例え.jp", "9" * 40]),
)
FORMS = {
    "/signup": ["name", "email", "password", "role"],
    "/login": ["email", "password"],
    "/profile": ["name", "email", "phone", "location", "headline", "title", "employer", "industries",
                 "skills", "links", "status"],
    "/journal/new": ["kind", "date", "title", "employer", "amount", "currency", "details", "shared",
                     "shown_for", "update_profile"],
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
    response = candidate.post("/journal/import", data={"csrf_token": csrf_token(candidate),
                                                    "file": (io.BytesIO(body), "r.json")},
                           content_type="multipart/form-data")
    assert response.status_code in (302, 422)
