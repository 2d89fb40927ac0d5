"""The claim page: a recruiter without an account turns the emailed link into an inbox."""

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, url_for
from sqlalchemy.exc import IntegrityError
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from journal.auth import services as accounts
from journal.auth.sessions import log_in
from journal.claims.services import claim_problem, find_claim
from journal.domain.passwords import password_problem
from journal.extensions import db
from journal.forms_common import Form, strip
from journal.http import render_form
from journal.models import RECRUITER, Claim, User, utcnow

bp = Blueprint("claims", __name__)


class ClaimForm(Form):
    name = StringField("Name", validators=[DataRequired("Enter your name."), Length(max=120)], filters=[strip])
    password = PasswordField("Password", validators=[DataRequired("Choose a password.")])

    def __init__(self, email: str, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def validate_password(self, field):
        problem = password_problem(field.data or "", email=self.email, name=self.name.data or "")
        if problem:
            raise ValidationError(problem)


@bp.route("/claim/<token>", methods=["GET", "POST"])
def claim(token: str):
    """Create the recruiter account for the address the link was sent to; waiting updates arrive at once."""
    found = find_claim(token)
    problem = claim_problem(found)
    if problem is None and db.session.scalar(sa.select(User.id).where(User.email == found.email)):
        problem = "An account with this email already exists. Log in to see your inbox."
    if problem:
        return render_template("claims/claim.html", problem=problem), 410 if found else 404
    form = ClaimForm(found.email)
    if form.validate_on_submit():
        user = _claimed_account(found, form)
        if user is None:  # a second submit of the same link, at the same moment, lost the race
            return render_template(
                "claims/claim.html", problem="This link was already used to create an inbox. Log in instead."
            ), 410
        log_in(user)
        flash("Your inbox is ready: the updates sent to you are here, merged into your contacts.", "success")
        return redirect(url_for("inbox.index"))
    return render_form("claims/claim.html", form, email=found.email, problem=None)


def _claimed_account(claim: Claim, form: ClaimForm) -> User | None:
    """Take the claim (one conditional UPDATE: of two submits, the second waits and finds it
    taken) and create its account; None when it was taken or the address got an account meanwhile."""
    taken = db.session.execute(
        sa.update(Claim).where(Claim.id == claim.id, Claim.used_at.is_(None)).values(used_at=utcnow())
    ).rowcount
    if not taken:
        db.session.rollback()
        return None
    try:
        # the link came in an email to this address: following it proves the address
        return accounts.create_user(form.name.data, claim.email, form.password.data, RECRUITER, verified=True)
    except IntegrityError:
        db.session.rollback()
        return None
