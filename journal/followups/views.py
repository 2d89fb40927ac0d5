"""The Follow-ups page and its batch check-in."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from journal.auth.sessions import role_required, verified_to_send
from journal.domain.followups import days_overdue
from journal.extensions import db
from journal.followups import services
from journal.followups.forms import CheckInForm, ChooseContactsForm
from journal.followups.stale import ask_to_confirm, stale_contacts
from journal.models import RECRUITER, utcnow

bp = Blueprint("followups", __name__, url_prefix="/follow-ups")
STALE_PERIODS = (6, 12, 18, 24)


def _form(due, form_class=CheckInForm):
    """The form, offering exactly these contacts: a tampered id is "Not a valid choice"."""
    form = form_class()
    form.contact_ids.choices = [SelectChoice(c.id, c.name or c.email) for c in due]
    return form


@bp.route("", methods=["GET", "POST"])
@role_required(RECRUITER)
@verified_to_send
def index():
    """Who is due or overdue, oldest first; tick some and send them one check-in."""
    due = services.due_contacts(current_user)
    form = _form([d.contact for d in due])
    if form.validate_on_submit():
        count = services.check_in(current_user, form.contact_ids.data, form.body.data)
        db.session.commit()
        flash(f"Check-in sent to {count} contact{'s' if count != 1 else ''}.", "success")
        return redirect(url_for("followups.index"))
    now, zone = utcnow(), current_user.zone
    rows = [(d, days_overdue(d.on, now, zone)) for d in due]
    status = 422 if form.is_submitted() and form.errors else 200
    return render_template("followups/index.html", rows=rows, form=form), status


@bp.route("/stale", methods=["GET", "POST"])
@role_required(RECRUITER)
@verified_to_send
def stale():
    """Contacts not updated or confirmed for a chosen period; ask some or all of them to confirm."""
    months = request.args.get("months", 12, type=int)
    months = months if months in STALE_PERIODS else 12
    contacts = stale_contacts(current_user, months)
    form = _form(contacts, ChooseContactsForm)
    if form.validate_on_submit():
        count = ask_to_confirm(current_user, form.contact_ids.data)
        db.session.commit()
        flash(f"Asked {count} contact{'s' if count != 1 else ''} to confirm their details.", "success")
        return redirect(url_for("followups.stale", months=months))
    status = 422 if form.is_submitted() and form.errors else 200
    return render_template(
        "followups/stale.html", contacts=contacts, months=months, periods=STALE_PERIODS, form=form
    ), status
