"""Account settings: a recruiter chooses whether updates also come by email."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import BooleanField

from journal.auth.sessions import role_required
from journal.extensions import db
from journal.forms_common import Form
from journal.models import RECRUITER

bp = Blueprint("settings", __name__)


class SettingsForm(Form):
    email_updates = BooleanField("Email me a copy of each update",
                                 description="Off: updates arrive in your Inbox only.")


@bp.route("/settings", methods=["GET", "POST"])
@role_required(RECRUITER)
def edit():
    """Show and save the recruiter's settings."""
    form = SettingsForm(obj=current_user)
    if form.validate_on_submit():
        current_user.email_updates = form.email_updates.data
        db.session.commit()
        flash("Settings saved.", "success")
        return redirect(url_for("settings.edit"))
    return render_template("settings.html", form=form)
