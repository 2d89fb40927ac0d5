"""Invite links: the recruiter's Invite page, and the page a candidate lands on."""

from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_login import current_user

from journal.auth.sessions import role_required
from journal.extensions import db
from journal.forms_common import ButtonForm
from journal.http import render_form
from journal.invites import services
from journal.invites.forms import InviteForm
from journal.models import RECRUITER, utcnow

bp = Blueprint("invites", __name__)


@bp.route("/invites", methods=["GET", "POST"])
@role_required(RECRUITER)
def index():
    """Create invite links and see the ones made."""
    form = InviteForm()
    if form.validate_on_submit():
        services.create_invite(current_user, form.label.data, int(form.expires.data) if form.expires.data else None)
        db.session.commit()
        flash("Invite link created. Share it with candidates.", "success")
        return redirect(url_for("invites.index"))
    return render_form(
        "invites/index.html",
        form,
        invites=services.invites_of(current_user),
        button=ButtonForm(),
        problem=services.invite_problem,
    )


@bp.post("/invites/<int:invite_id>/revoke")
@role_required(RECRUITER)
def revoke(invite_id: int):
    """Withdraw a link: people following it are told so."""
    invite = services.invite_of(current_user, invite_id)
    if ButtonForm().validate_on_submit() and invite.revoked_at is None:
        invite.revoked_at = utcnow()
        db.session.commit()
        flash("Invite link withdrawn.", "success")
    return redirect(url_for("invites.index"))


@bp.route("/i/<token>", methods=["GET", "POST"])
def accept(token: str):
    """Where an invite link leads: explain, then link the recruiter once the candidate is logged in."""
    invite = services.find_invite(token)
    if invite is None:
        return render_template(
            "invites/accept.html",
            invite=None,
            problem="This invite link does not exist. Check that you copied all of it.",
        ), 404
    problem = services.invite_problem(invite)
    if problem:
        return render_template("invites/accept.html", invite=invite, problem=problem), 410
    form = ButtonForm()
    if current_user.is_authenticated and current_user.is_candidate and form.validate_on_submit():
        link = services.accept_invite(current_user, invite)
        db.session.commit()
        flash(f"{link.name} is now one of your recruiters.", "success")
        return redirect(url_for("recruiters.index"))
    if not current_user.is_authenticated:
        session[services.SESSION_KEY] = token  # followed once the visitor signs up or logs in
    return render_template("invites/accept.html", invite=invite, problem=None, form=form)
