"""Talent pools with re-engage dates, in Follow-ups, search and filters."""

import re
from datetime import date, timedelta

import sqlalchemy as sa

from journal.extensions import db
from journal.models import Contact, Pool, PoolMember
from tests.conftest import post
from tests.test_followups import due_names
from tests.test_search import manual, names


def contact_id(app, name):
    with app.app_context():
        return db.session.scalar(sa.select(Contact.id).where(Contact.name == name))


def test_add_to_pool_and_see_the_pool(app, accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Silvia Medal", title="CFO")
    cid = contact_id(app, "Silvia Medal")
    response = post(recruiter, f"/contacts/{cid}/pools", {"name": "Silver medalists", "reengage_on": "2027-11-01"})
    assert response.status_code == 302
    page = recruiter.get(f"/contacts/{cid}").get_data(as_text=True)
    assert "Silver medalists" in page and "re-engage 1 Nov 2027" in page
    pools = recruiter.get("/pools").get_data(as_text=True)
    assert "Silver medalists" in pools and "1 contact" in pools
    pool_id = re.search(r'href="/pools/(\d+)"', pools).group(1)
    assert "Silvia Medal" in recruiter.get(f"/pools/{pool_id}").get_data(as_text=True)
    # adding again only moves the date
    post(recruiter, f"/contacts/{cid}/pools", {"name": "Silver medalists", "reengage_on": "2028-01-01"})
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(PoolMember.id))) == 1
        assert db.session.scalar(sa.select(PoolMember.reengage_on)) == date(2028, 1, 1)


def test_re_engage_day_brings_the_contact_into_follow_ups_until_touched(app, accounts):
    recruiter = accounts.recruiter()
    location = manual(recruiter, name="Runner Up", stage="not_a_fit")
    cid = contact_id(app, "Runner Up")
    post(
        recruiter,
        f"/contacts/{cid}/pools",
        {"name": "Silver medalists", "reengage_on": (date.today() + timedelta(days=30)).isoformat()},
    )
    assert due_names(recruiter) == []
    with app.app_context():
        db.session.scalar(sa.select(PoolMember)).reengage_on = date.today() - timedelta(days=1)
        db.session.commit()
    assert due_names(recruiter) == ["Runner Up"]
    assert "re-engage (Silver medalists)" in recruiter.get("/follow-ups").get_data(as_text=True)
    post(recruiter, f"{location}/touch", {"kind": "call", "note": "New opening at Acme"})
    assert due_names(recruiter) == []


def test_pools_are_searchable_and_a_filter(app, accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="In Pool")
    manual(recruiter, name="Tagged", tags="Board ready")
    manual(recruiter, name="Neither")
    post(recruiter, f"/contacts/{contact_id(app, 'In Pool')}/pools", {"name": "Board ready", "reengage_on": ""})
    assert names(recruiter, tag="Board ready") == ["In Pool", "Tagged"]
    assert sorted(names(recruiter, "board")) == ["In Pool", "Tagged"]


def test_pool_needs_a_name_and_pools_are_private(app, accounts):
    recruiter = accounts.recruiter()
    manual(recruiter, name="Someone")
    cid = contact_id(app, "Someone")
    post(recruiter, f"/contacts/{cid}/pools", {"name": "", "reengage_on": ""})
    assert "Name the pool" in recruiter.get(f"/contacts/{cid}").get_data(as_text=True)
    post(recruiter, f"/contacts/{cid}/pools", {"name": "Mine", "reengage_on": ""})
    with app.app_context():
        pool_id = db.session.scalar(sa.select(Pool.id))
        member_id = db.session.scalar(sa.select(PoolMember.id))
    other = accounts.recruiter()
    assert other.get(f"/pools/{pool_id}").status_code == 404
    assert post(other, f"/pools/members/{member_id}/remove").status_code == 404
    assert post(other, f"/contacts/{cid}/pools", {"name": "Theirs"}).status_code == 404
    assert post(recruiter, f"/pools/members/{member_id}/remove").status_code == 302
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(PoolMember.id))) == 0
