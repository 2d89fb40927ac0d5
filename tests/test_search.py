"""Contact search: full text over fields, shared entries, notes and tags; filters; index in step."""

import re

import pytest
import sqlalchemy as sa

from journal import create_app, search
from journal.extensions import db
from journal.models import Contact, JournalEntry
from tests.conftest import _config, add_recruiter, notify, post
from tests.test_journal import add_entry
from tests.test_profile import VALID

MANUAL = {
    "name": "",
    "email": "",
    "phone": "",
    "location": "",
    "headline": "",
    "title": "",
    "employer": "",
    "industries": "",
    "skills": "",
    "links": "",
    "status": "",
    "kind": "candidate",
    "stage": "new",
    "cadence_days": "7",
    "tags": "",
    "notes": "",
}


def names(client, query: str = "", **filters) -> list[str]:
    params = "&".join(f"{k}={v}" for k, v in {"q": query, **filters}.items())
    html = client.get(f"/contacts?{params}").get_data(as_text=True)
    return re.findall(r'href="/contacts/\d+">([^<]+)</a>', html)


def manual(recruiter, **fields):
    response = post(recruiter, "/contacts/new", {**MANUAL, **fields})
    assert response.status_code == 302, response.get_data(as_text=True)
    return response.headers["Location"]


@pytest.fixture
def vp(accounts):
    """A VP whose only mention of automotive is a shared role entry, linked to a recruiter."""
    recruiter = accounts.recruiter(email="riley@search.example")
    candidate = accounts.candidate(email="vp@example.com")
    post(
        candidate,
        "/profile",
        {
            **VALID,
            "name": "Val President",
            "title": "Vice President, Sales",
            "employer": "Northline",
            "industries": "mobility",
            "headline": "",
        },
    )
    add_entry(
        candidate,
        title="Account Director",
        employer="Northline",
        details="Four years running the automotive OEM account",
        shared=True,
    )
    add_entry(
        candidate, kind="review", title="Review", employer="", details="Confidential turbocharger praise", shared=False
    )
    add_recruiter(candidate, "riley@search.example")
    notify(candidate)
    return candidate, recruiter


def test_automotive_finds_the_vp_through_a_shared_entry(vp):
    _, recruiter = vp
    manual(recruiter, name="Sam Other", title="Engineer")
    assert names(recruiter, "automotive") == ["Val President"]
    assert names(recruiter, "autom") == ["Val President"]  # prefix, as the recruiter types
    assert names(recruiter, "automotive northline") == ["Val President"]  # every word must match
    assert names(recruiter, "automotive engineer") == []


def test_private_entries_are_not_searchable(vp):
    _, recruiter = vp
    assert names(recruiter, "turbocharger") == []


def test_better_matches_rank_first(accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Note Mention", notes="once met someone in logistics")
    manual(recruiter, name="Title Match", title="Head of Logistics", industries="logistics")
    manual(recruiter, name="Unrelated", title="Chef")
    assert names(recruiter, "logistics") == ["Title Match", "Note Mention"]


def test_ranking_is_by_tier_then_newest_contact(accounts):
    """Name first; then role or skills; then shared entries; then the recruiter's own notes.
    Within a tier the contact added last comes first."""
    recruiter = accounts.recruiter()
    manual(recruiter, name="Old Note", notes="met at a logistics fair")
    manual(recruiter, name="Skill Sid", skills="logistics")
    manual(recruiter, name="Larry Logistics")
    manual(recruiter, name="Title Tim", title="Head of Logistics")
    manual(recruiter, name="New Note", notes="logistics")
    assert names(recruiter, "logistics") == ["Larry Logistics", "Title Tim", "Skill Sid", "New Note", "Old Note"]
    # with filters the same order comes from the other query path
    assert names(recruiter, "logistics", kind="candidate") == names(recruiter, "logistics")


def test_a_contact_ranks_by_the_field_of_its_weakest_word(accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Both In Role", title="Logistics Director")
    manual(recruiter, name="One In Notes", title="Director", notes="logistics")
    manual(recruiter, name="Director Dan", title="Logistics lead")
    assert names(recruiter, "logistics director") == ["Director Dan", "Both In Role", "One In Notes"]


def test_entries_rank_between_skills_and_notes(vp):
    _, recruiter = vp
    manual(recruiter, name="Note Only", notes="automotive")
    manual(recruiter, name="Skill Only", skills="automotive")
    assert names(recruiter, "automotive") == ["Skill Only", "Val President", "Note Only"]


def test_every_window_of_the_ranking_agrees_with_the_whole(app, accounts):
    """The page walk (tier by tier, counting skipped tiers) gives the slices of the full ranking."""
    recruiter = accounts.recruiter(email="walker@search.example")
    for n, fields in enumerate(
        [
            {"notes": "sales"},
            {"title": "Sales"},
            {"skills": "sales"},
            {"notes": "sales"},
            {"name": "Sales Sam"},
            {"title": "Sales"},
            {"notes": "sales"},
        ]
    ):
        manual(recruiter, name=fields.pop("name", f"Person {n}"), **fields)
    with app.app_context():
        owner = db.session.scalar(sa.select(Contact.recruiter_id))
        ranked = search.ranked(owner, "sales")
        whole = list(
            db.session.scalars(sa.select(ranked.c.contact_id).order_by(ranked.c.tier, ranked.c.contact_id.desc()))
        )
        assert len(whole) == 7
        for limit in (1, 2, 3, 10):
            for offset in range(9):
                assert search.best(owner, "sales", limit, offset) == whole[offset : offset + limit], (limit, offset)
        assert search.best(owner, "sales nobody", 5) == [] and search.best(owner, "  ", 5) is None


def test_search_covers_notes_tags_skills_and_name(accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Dana Scully", skills="forensics", tags="silver medalist", notes="Ask about Quantico")
    for query in ("dana", "forensics", "silver", "quantico"):
        assert names(recruiter, query) == ["Dana Scully"], query


def test_another_recruiters_contacts_are_never_found(vp, accounts):
    other = accounts.recruiter()
    assert names(other, "automotive") == []
    assert names(other) == []


def test_the_owner_token_is_not_searchable(app, accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Someone Here")
    with app.app_context():
        owner = db.session.scalar(sa.select(Contact.recruiter_id))
    assert names(recruiter, "someone") == ["Someone Here"]
    assert names(recruiter, f"r{owner}") == [] and names(recruiter, f"r{owner} someone") == []


def test_index_follows_merges_edits_and_deletes(app, vp):
    candidate, recruiter = vp
    post(
        candidate,
        "/profile",
        {
            **VALID,
            "name": "Val President",
            "title": "Chief Revenue Officer",
            "employer": "Northline",
            "industries": "mobility",
            "headline": "",
        },
    )
    notify(candidate)
    assert names(recruiter, "revenue") == ["Val President"]
    assert names(recruiter, "vice") == []
    with app.app_context():
        contact_id = db.session.scalar(sa.select(Contact.id))
        entry_id = db.session.scalar(sa.select(JournalEntry.id).where(JournalEntry.kind == "role"))
    # the candidate makes the role entry private: the recruiter's copy and its words go
    post(
        candidate,
        f"/journal/{entry_id}/edit",
        {
            "kind": "role",
            "date": "2025-03-01",
            "title": "Account Director",
            "employer": "Northline",
            "details": "x",
            "shown_for": "role",
        },
    )
    notify(candidate)
    assert names(recruiter, "automotive") == []
    post(
        recruiter,
        f"/contacts/{contact_id}",
        {"kind": "candidate", "notes": "Loves sailing", "tags": "board", "stage": "new", "cadence_days": "7"},
    )
    assert names(recruiter, "sailing") == ["Val President"]
    edit = {**MANUAL, "name": "Valerie President", "email": "vp@example.com", "title": "CRO"}
    post(recruiter, f"/contacts/{contact_id}/edit", edit)
    assert names(recruiter, "valerie") == ["Valerie President"]
    post(recruiter, f"/contacts/{contact_id}/delete")
    assert names(recruiter, "sailing") == []


def test_filters(accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Ann Active", stage="interviewing", status="looking", tags="silver medalist")
    manual(recruiter, name="Hank Manager", kind="hiring_manager", stage="new")
    manual(recruiter, name="Pat Placed", stage="placed", status="not_looking", tags="alumni")
    assert names(recruiter, tag="silver medalist") == ["Ann Active"]
    assert names(recruiter, stage="placed") == ["Pat Placed"]
    assert names(recruiter, status="looking") == ["Ann Active"]
    assert names(recruiter, kind="hiring_manager") == ["Hank Manager"]
    assert names(recruiter, since="2000-01-01") == ["Ann Active", "Hank Manager", "Pat Placed"]
    assert names(recruiter, since="2999-01-01") == []
    assert names(recruiter, since="not-a-date") == ["Ann Active", "Hank Manager", "Pat Placed"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "a*",
        "NEAR(a b)",
        "x:y",
        "a & b | !c",
        "'; DROP TABLE contacts; --",
        "automotive AND OR NOT",
        "(((",
        "ünïcödé",
        "a" * 500,
    ],
)
def test_odd_queries_never_fail(accounts, query):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Someone")
    response = recruiter.get("/contacts", query_string={"q": query})
    assert response.status_code == 200


def test_active_search_answers_with_the_results_fragment(vp):
    _, recruiter = vp
    response = recruiter.get("/contacts?q=automotive", headers={"HX-Request": "true", "HX-Target": "contact-results"})
    html = response.get_data(as_text=True)
    assert "<html" not in html and html.lstrip().startswith('<div id="contact-results"')
    assert "Val President" in html and "HX-Request" in response.headers["Vary"]


def test_results_are_paginated_and_keep_the_query(accounts):
    recruiter = accounts.recruiter()
    for n in range(52):
        manual(recruiter, name=f"Sales Person {n:02d}", title="Sales")
    first = recruiter.get("/contacts?q=sales").get_data(as_text=True)
    assert len(re.findall(r'href="/contacts/\d+"', first)) == 50
    assert "q=sales" in re.search(r'href="([^"]*page=2[^"]*)"', first).group(1)


def test_postgres_parses_each_search_word_once_even_in_a_generic_plan(postgres_url):
    """The driver prepares a statement run often, and PostgreSQL may then plan it without the
    values: each to_tsquery must stay an InitPlan, not run again for every match. (PostgreSQL
    only: SQLite walks its FTS5 tiers instead.)"""
    app = create_app(_config(postgres_url))
    with app.app_context():
        sql, params = search._postgres_tiers(1, ["automotive", "sales"])
        names_in_order = list(dict.fromkeys(re.findall(r":(\w+)", sql)))
        numbered = re.sub(r":(\w+)", lambda m: f"${names_in_order.index(m.group(1)) + 1}", sql)
        arguments = ", ".join(f"'{params[name]}'" for name in names_in_order)
        connection = db.session.connection()
        connection.exec_driver_sql(f"PREPARE search_tiers AS {numbered}")
        try:
            connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_generic_plan")
            plan = [
                row[0] for row in connection.exec_driver_sql(f"EXPLAIN (VERBOSE) EXECUTE search_tiers({arguments})")
            ]
        finally:
            connection.exec_driver_sql("DEALLOCATE search_tiers")
            db.session.rollback()
            db.engine.dispose()
    parsing = [line.strip() for line in plan if "to_tsquery" in line]
    assert len(parsing) == len(search.TIERS), plan
    assert all(line.startswith("Output: to_tsquery") for line in parsing), plan
