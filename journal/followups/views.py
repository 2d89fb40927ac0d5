"""The Follow-ups page and its batch check-in."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from journal.auth.sessions import role_required
from journal.domain.followups import days_overdue
from journal.extensions import db
from journal.followups import services
from journal.followups.forms import CheckInForm
from journal.models import RECRUITER, utcnow

bp = Blueprint("followups", __name__, url_prefix="/follow-ups")


def _form(due) -> CheckInForm:
    form = CheckInForm()
    form.contact_ids.choices = [SelectChoice(c.id, c.name or c.email) for c in due]
    return form


@bp.route("", methods=["GET", "POST"])
@role_required(RECRUITER)
def index():
    """Who is due or overdue, oldest first; tick some and send them one check-in."""
    due = services.due_contacts(current_user)
    form = _form(due)
    if form.validate_on_submit():
        count = services.check_in(current_user, form.contact_ids.data, form.body.data)
        db.session.commit()
        flash(f"Check-in sent to {count} contact{'s' if count != 1 else ''}.", "success")
        return redirect(url_for("followups.index"))
    now, zone = utcnow(), current_user.zone
    rows = [(contact, days_overdue(contact.next_follow_up, now, zone)) for contact in due]
    status = 422 if form.is_submitted() and form.errors else 200
    return render_template("followups/index.html", rows=rows, form=form), status
