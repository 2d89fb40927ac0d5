"""Hypothesis-generated URL parameters, ids and query strings for every route of the app, as a
visitor, a candidate and a recruiter: never a 500, on either database. Routes are read from the
URL map, so a new route is fuzzed without anyone remembering to add it."""

import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import csrf_token

PART = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
ids = st.one_of(st.integers(min_value=0, max_value=2**70), st.sampled_from([1, 2, 2**31, 2**63 - 1, 2**63, 10**20]))
words = st.one_of(st.text(max_size=40), st.sampled_from(["", "..", "%00", "\r\nX: y", "[::1", "csv", "vcf", "a" * 500]))
query_values = st.one_of(
    words,
    ids.map(str),
    st.sampled_from(["-1", "0", "99999999999999999999", "1e9", "True", "2025-02-30", "http://[::1", "//evil.example"]),
)
QUERY_NAMES = ["page", "kind", "q", "tag", "stage", "status", "since", "months", "next", "format", "id"]
# No shrinking: an example walks every route, and the failing request is named in the assertion.
FUZZ = settings(
    max_examples=12,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def routes(app):
    """(rule text, methods) of every route but static files and logging out (which would end the test's session)."""
    return sorted(
        (rule.rule, sorted(rule.methods - {"HEAD", "OPTIONS"}))
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in ("static", "auth.logout")
    )


def fill(rule: str, draw) -> str:
    """The rule with each variable part drawn: an id for ints, any text for the rest."""

    def part(match):
        converter = match.group(1)
        if converter == "int":
            return str(draw(ids))
        if converter == "any":
            return draw(st.sampled_from(re.search(r"any\(([^)]*)\)", rule).group(1).replace(" ", "").split(",")))
        return quote(draw(words), safe="") or "x"

    return PART.sub(part, rule)


def visit(client, app, data):
    token = csrf_token(client)
    for rule, methods in routes(app):
        path = fill(rule, data.draw)
        query = data.draw(st.dictionaries(st.sampled_from(QUERY_NAMES), query_values, max_size=3))
        url = path + ("?" + urlencode(query) if query else "")
        for method in methods:
            body = {"csrf_token": token} if method == "POST" else None
            response = client.open(url, method=method, data=body)
            assert response.status_code < 500, (method, url, response.status_code)


@pytest.fixture
def people(accounts):
    """A visitor, a candidate and a recruiter, made once for all examples of a test."""
    return {"visitor": accounts.app.test_client(), "candidate": accounts.candidate(), "recruiter": accounts.recruiter()}


@pytest.mark.parametrize("who", ["visitor", "candidate", "recruiter"])
@FUZZ
@given(data=st.data())
def test_every_route_answers_hostile_parameters_without_a_500(app, people, who, data):
    visit(people[who], app, data)
