"""View and edit the candidate's profile."""

from flask import Blueprint, flash, redirect, url_for
from flask_login import current_user

from journal.auth.sessions import role_required
from journal.domain.entries import join_list, split_list
from journal.domain.updates import LIST_FIELDS, TEXT_FIELDS
from journal.extensions import db
from journal.http import render_form
from journal.models import CANDIDATE
from journal.profile.forms import ProfileForm

bp = Blueprint("profile", __name__, url_prefix="/profile")


@bp.route("", methods=["GET", "POST"])
@role_required(CANDIDATE)
def edit():
    """Show and save the profile."""
    profile = current_user.profile
    form = ProfileForm(data=_form_data(profile))
    if form.validate_on_submit():
        for name in TEXT_FIELDS:
            setattr(profile, name, getattr(form, name).data or "")
        for name in LIST_FIELDS:
            setattr(profile, name, split_list(getattr(form, name).data))
        db.session.commit()
        flash("Profile saved.", "success")
        return redirect(url_for("home.index"))
    return render_form("profile/edit.html", form)


def _form_data(profile) -> dict:
    data = {name: getattr(profile, name) for name in TEXT_FIELDS}
    data.update(
        industries=join_list(profile.industries), skills=join_list(profile.skills), links=join_list(profile.links, "\n")
    )
    return data
