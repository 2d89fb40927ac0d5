"""Talent pools: the list, one pool's members, adding and removing contacts."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from journal.auth.sessions import role_required
from journal.contacts.services import contact_of
from journal.extensions import db
from journal.forms_common import ButtonForm
from journal.models import RECRUITER
from journal.pools import services
from journal.pools.forms import PoolForm

bp = Blueprint("pools", __name__)


@bp.get("/pools")
@role_required(RECRUITER)
def index():
    """Every pool with its size."""
    return render_template("pools/index.html", pools=services.pools_of(current_user))


@bp.get("/pools/<int:pool_id>")
@role_required(RECRUITER)
def show(pool_id: int):
    """One pool's members, the soonest re-engage day first."""
    pool = services.pool_of(current_user, pool_id)
    return render_template("pools/show.html", pool=pool, members=services.members_of(pool), form=ButtonForm())


@bp.post("/contacts/<int:contact_id>/pools")
@role_required(RECRUITER)
def add(contact_id: int):
    """Put the contact in a pool, with an optional re-engage day."""
    contact = contact_of(current_user, contact_id)
    form = PoolForm()
    if form.validate_on_submit():
        services.add_to_pool(current_user, contact, form.name.data, form.reengage_on.data)
        db.session.commit()
        flash(f"Added to {form.name.data}.", "success")
    else:
        flash(" ".join(e for errors in form.errors.values() for e in errors), "error")
    return redirect(url_for("contacts.show", contact_id=contact.id))


@bp.post("/pools/members/<int:member_id>/remove")
@role_required(RECRUITER)
def remove(member_id: int):
    """Take a contact out of a pool."""
    member = services.member_of(current_user, member_id)
    if ButtonForm().validate_on_submit():
        services.remove_member(member)
        db.session.commit()
        flash("Removed from the pool.", "success")
    return redirect(
        request.referrer
        if request.referrer and request.referrer.startswith(request.host_url)
        else url_for("pools.index")
    )
