"""Finding contacts: full-text search plus filters, ranked, paginated."""

from __future__ import annotations

from datetime import datetime, time, timezone

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from wtforms import DateField, SearchField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from journal import search
from journal.extensions import db
from journal.forms_common import Form, strip
from journal.models import CONTACT_KINDS, STAGES, Contact, Pool, PoolMember, User
from journal.paging import Page, page_number, page_of
from journal.profile.forms import STATUS_CHOICES

PER_PAGE = 50


def _any(label: str, pairs) -> list[SelectChoice]:
    return [SelectChoice("", label)] + [SelectChoice(code, text) for code, text in pairs]


class ContactSearchForm(Form):
    """The search box and filters: a GET form (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    q = SearchField(
        "Search",
        filters=[strip],
        description="Any words from name, title, employer, industries, skills, shared entries, notes or tags. "
        "Matches in the name come first, then title or skills, then shared entries, then notes.",
    )
    tag = StringField("Tag or pool", filters=[strip])
    stage = SelectField("Pipeline stage", choices=_any("Any stage", STAGES), validators=[Optional()])
    status = SelectField("Job-search status", choices=_any("Any status", STATUS_CHOICES), validators=[Optional()])
    kind = SelectField("Kind of contact", choices=_any("Any kind", CONTACT_KINDS), validators=[Optional()])
    since = DateField("Updated or confirmed since", validators=[Optional()])


def _has_tag_or_pool(name: str):
    in_pool = sa.exists(
        sa.select(1)
        .select_from(PoolMember)
        .join(Pool, Pool.id == PoolMember.pool_id)
        .where(PoolMember.contact_id == Contact.id, Pool.name == name)
    )
    if db.session.get_bind().dialect.name == "postgresql":
        return sa.or_(sa.cast(Contact.tags, JSONB).contains([name]), in_pool)
    values = sa.func.json_each(Contact.tags).table_valued("value")
    return sa.or_(sa.exists(sa.select(1).select_from(values).where(values.c.value == name)), in_pool)


FILTERS = ("tag", "stage", "status", "kind", "since")


def find_contacts(recruiter: User, form: ContactSearchForm, page: int) -> Page:
    """One page of the recruiter's contacts matching the form."""
    page = page_number(page)
    if form.q.data and not any(getattr(form, name).data for name in FILTERS):
        # words alone: the full-text index picks the page itself, then 51 contacts are read
        ids = search.best(recruiter.id, form.q.data, limit=PER_PAGE + 1, offset=(page - 1) * PER_PAGE)
        if ids is not None:
            # by id alone, owner checked on each row: with "AND recruiter_id = ?" SQLite walked
            # the recruiter's whole (recruiter_id, email) index instead
            place = {contact_id: n for n, contact_id in enumerate(ids)}
            found = db.session.scalars(sa.select(Contact).where(Contact.id.in_(ids)))
            contacts = sorted((c for c in found if c.recruiter_id == recruiter.id), key=lambda c: place[c.id])
            return Page(contacts[:PER_PAGE], page, len(ids) > PER_PAGE)
    return page_of(matching(recruiter, form), page, PER_PAGE)


def matching(recruiter: User, form: ContactSearchForm) -> sa.Select:
    """The recruiter's contacts matching the form, best match first (see journal.search; by name
    without words)."""
    query = sa.select(Contact).where(Contact.recruiter_id == recruiter.id)
    ranked = search.ranked(recruiter.id, form.q.data)
    if ranked is not None:
        query = query.join(ranked, ranked.c.contact_id == Contact.id).order_by(ranked.c.tier, Contact.id.desc())
    else:
        query = query.order_by(Contact.name, Contact.id)
    if form.tag.data:
        query = query.where(_has_tag_or_pool(form.tag.data))
    for name in ("stage", "status", "kind"):
        value = getattr(form, name).data
        if value and not getattr(form, name).errors:
            query = query.where(getattr(Contact, name) == value)
    if form.since.data and not form.since.errors:
        moment = datetime.combine(form.since.data, time.min, tzinfo=timezone.utc)
        query = query.where(sa.or_(Contact.updated_at >= moment, Contact.confirmed_at >= moment))
    return query
