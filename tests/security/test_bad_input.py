"""Input found by trying the app as a new user would: each gets a clear 4xx page or a form error, never a 500."""

import io
import json
import threading

import pytest
import sqlalchemy as sa

from journal.claims.services import claims_for, token_for
from journal.extensions import db
from journal.models import User
from tests.conftest import PASSWORD, csrf_token, post
from tests.test_contacts import NEW
from tests.test_profile import VALID

HUGE = "99999999999999999999"


@pytest.mark.parametrize("path", ["/inbox", "/contacts", "/contacts/import"])
def test_a_page_number_beyond_64_bits_is_a_page_not_an_error(accounts, path):
    response = accounts.recruiter().get(f"{path}?page={HUGE}")
    assert response.status_code == 200


def test_a_journal_page_number_beyond_64_bits_is_a_page_not_an_error(accounts):
    assert accounts.candidate().get(f"/journal?page={HUGE}&kind=role").status_code == 200


@pytest.mark.parametrize("number", [HUGE, str(2**31)])  # beyond 64 bits, and beyond PostgreSQL's integer
@pytest.mark.parametrize("path", ["/contacts/{}", "/contacts/{}/edit", "/inbox/{}", "/pools/{}", "/contacts/import/{}"])
def test_an_id_beyond_an_integer_column_is_not_found(accounts, path, number):
    assert accounts.recruiter().get(path.format(number)).status_code == 404


@pytest.mark.parametrize("number", [HUGE, str(2**31)])
@pytest.mark.parametrize("path", ["/journal/{}", "/journal/{}/edit", "/journal/{}/delete", "/updates/{}"])
def test_a_candidate_id_beyond_an_integer_column_is_not_found(accounts, path, number):
    assert accounts.candidate().get(path.format(number)).status_code == 404


@pytest.mark.parametrize("path", ["/i/%00abc", "/claim/%00abc", "/i/a%0d%0ab"])
def test_a_token_with_control_characters_is_not_found(client, path):
    assert client.get(path).status_code == 404


LINK = "http://[::1"


def test_an_unclosed_ipv6_link_is_a_form_error_on_the_profile(accounts):
    response = post(accounts.candidate(), "/profile", {**VALID, "links": LINK})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "is not a web address" in html and "Detroit, MI" in html


def test_an_unclosed_ipv6_link_is_a_form_error_on_a_new_and_an_edited_contact(accounts):
    recruiter = accounts.recruiter()
    response = post(recruiter, "/contacts/new", {**NEW, "links": LINK})
    assert response.status_code == 422 and "is not a web address" in response.get_data(as_text=True)
    location = post(recruiter, "/contacts/new", NEW).headers["Location"]
    response = post(recruiter, f"{location}/edit", {**NEW, "links": LINK})
    assert response.status_code == 422 and "is not a web address" in response.get_data(as_text=True)


def _import(client, body: bytes):
    return client.post(
        "/journal/import", data={"csrf_token": csrf_token(client), "file": (io.BytesIO(body), "resume.json")}
    )


@pytest.mark.parametrize(
    "body, message",
    [
        (b'{"basics": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "levels deep"),
        (b'{"basics": {"name": "Casey"}, "x": ' + b"9" * 5000 + b"}", "number too long"),
        (json.dumps({"basics": {"name": "Casey", "url": LINK}}).encode(), "is not an http(s) link"),
        (json.dumps({"basics": {"name": "Casey"}, "x-career-journal": []}).encode(), "must be an object"),
        (
            json.dumps({"basics": {"name": "Casey"}, "x-career-journal": {"profile": "VP"}}).encode(),
            "must be an object",
        ),
        (
            json.dumps({"basics": {"name": "Casey"}, "x-career-journal": {"profile": {"industries": 7}}}).encode(),
            "must be a list",
        ),
        (
            json.dumps({"basics": {"name": "Casey"}, "x-career-journal": {"entries": {"kind": "raise"}}}).encode(),
            "must be a list",
        ),
        (json.dumps({"x-career-journal": {"entries": [{"kind": ["raise"]}]}}).encode(), "kind: must be one of"),
        (
            json.dumps(
                {"work": [{"name": "Acme", "position": "VP", "startDate": "2020-01-01", "x-career-journal": "role"}]}
            ).encode(),
            "must be an object",
        ),
    ],
)
def test_hostile_json_resume_files_are_refused_with_a_reason(accounts, body, message):
    response = _import(accounts.candidate(), body)
    assert response.status_code == 422 and message in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["/journal\r\nSet-Cookie: x=1", "/journal%0d%0aX: y", "/\x00", "//evil.example"])
def test_control_characters_in_next_never_reach_the_redirect(app, accounts, target):
    accounts.candidate(email="next@example.com")
    client = app.test_client()
    client.get("/login")
    response = client.post(
        "/login",
        query_string={"next": target},
        data={"email": "next@example.com", "password": PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/") and not location.startswith("//") and location.isprintable()
    assert "Set-Cookie: x" not in str(response.headers)


def test_two_submits_of_one_claim_link_at_the_same_moment_make_one_account(app):
    with app.app_context():
        token = token_for(claims_for({"twice@search.example"})["twice@search.example"])
        db.session.commit()
    clients = [app.test_client() for _ in range(2)]
    forms = [{"name": "Riley", "password": PASSWORD, "csrf_token": csrf_token(c, f"/claim/{token}")} for c in clients]
    start, answers = threading.Barrier(2), [None, None]

    def submit(n):
        start.wait()
        answers[n] = clients[n].post(f"/claim/{token}", data=forms[n]).status_code

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [302, 410]
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 1
