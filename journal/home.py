"""The home page: a welcome for visitors, the candidate's overview, the recruiter's start page."""

from flask import Blueprint, render_template
from flask_login import current_user

from journal.journal.services import entries_of

bp = Blueprint("home", __name__)


@bp.get("/")
def index():
    """Show the page that fits who is looking."""
    if not current_user.is_authenticated:
        return render_template("home/visitor.html")
    if current_user.is_candidate:
        return render_template(
            "home/candidate.html", profile=current_user.profile, recent=entries_of(current_user, limit=5)
        )
    return render_template("home/recruiter.html")
