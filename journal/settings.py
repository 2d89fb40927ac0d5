"""Account settings: the time zone for everyone; email copies and the digest for recruiters."""

from zoneinfo import available_timezones

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user, login_required
from wtforms import BooleanField, SelectField
from wtforms.fields.choices import SelectChoice

from journal.extensions import db
from journal.forms_common import Form
from journal.http import render_form

bp = Blueprint("settings", __name__)


ZONES = sorted(available_timezones() - {"localtime", "Factory"})


def _zone_field(description: str) -> SelectField:
    return SelectField("Time zone", description=description, choices=[SelectChoice(name) for name in ZONES])


class SettingsForm(Form):
    """Every user's settings: the time zone pages show times in."""

    timezone = _zone_field("Times on every page are shown in this zone.")


class RecruiterSettingsForm(SettingsForm):
    email_updates = BooleanField(
        "Email me a copy of each update", description="Off: updates arrive in your Inbox only."
    )
    digest_day = SelectField(
        "Weekly digest",
        coerce=lambda v: None if v in ("", None, "None") else int(v),
        choices=[SelectChoice("", "Off")]
        + [
            SelectChoice(str(n), day)
            for n, day in enumerate(("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))
        ],
        description="An email listing who is due for a follow-up, on this day each week.",
    )
    timezone = _zone_field("Times are shown, and follow-ups fall due, by this zone's calendar.")


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def edit():
    """Show and save the user's settings (a recruiter has more of them)."""
    form = (RecruiterSettingsForm if current_user.is_recruiter else SettingsForm)(obj=current_user)
    if form.validate_on_submit():
        form.populate_obj(current_user)
        db.session.commit()
        flash("Settings saved.", "success")
        return redirect(url_for("settings.edit"))
    return render_form("settings.html", form)
