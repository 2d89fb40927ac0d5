"""Account settings: a recruiter chooses whether updates also come by email."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from zoneinfo import available_timezones

from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice

from journal.auth.sessions import role_required
from journal.extensions import db
from journal.forms_common import Form
from journal.models import RECRUITER

bp = Blueprint("settings", __name__)


ZONES = sorted(available_timezones() - {"localtime", "Factory"})


class SettingsForm(Form):
    email_updates = BooleanField("Email me a copy of each update",
                                 description="Off: updates arrive in your Inbox only.")
    digest_day = SelectField("Weekly digest", coerce=lambda v: None if v in ("", None, "None") else int(v),
                             choices=[SelectChoice("", "Off")] + [SelectChoice(str(n), day) for n, day in enumerate(
                                 ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))],
                             description="An email listing who is due for a follow-up, on this day each week.")
    timezone = SelectField("Time zone", description="Follow-ups fall due by your own calendar.",
                           choices=[SelectChoice(name) for name in ZONES])


@bp.route("/settings", methods=["GET", "POST"])
@role_required(RECRUITER)
def edit():
    """Show and save the recruiter's settings."""
    form = SettingsForm(obj=current_user)
    if form.validate_on_submit():
        current_user.email_updates = form.email_updates.data
        current_user.timezone = form.timezone.data
        current_user.digest_day = form.digest_day.data
        db.session.commit()
        flash("Settings saved.", "success")
        return redirect(url_for("settings.edit"))
    return render_template("settings.html", form=form)
