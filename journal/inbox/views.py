"""The recruiter's Inbox."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from journal.auth.sessions import role_required
from journal.database import write_transaction
from journal.extensions import db
from journal.forms_common import ButtonForm
from journal.inbox import services
from journal.models import RECRUITER
from journal.paging import page_number

bp = Blueprint("inbox", __name__, url_prefix="/inbox")


@bp.get("")
@role_required(RECRUITER)
def index():
    """Updates received, newest first, 50 a page."""
    page = services.inbox_page(current_user, page_number(request.args.get("page")))
    rows = services.INBOX_ROWS.html(page.items, viewer_zone=current_user.timezone)
    return render_template("inbox/index.html", page=page, rows=rows)


@bp.get("/<int:delivery_id>")
@role_required(RECRUITER)
def show(delivery_id: int):
    """One update in full; opening it marks it read."""
    delivery = services.delivery_of(current_user, delivery_id)
    if delivery.read_at is None:
        with write_transaction():
            services.mark_read(delivery)
    return render_template("inbox/show.html", delivery=delivery, update=delivery.update)


@bp.post("/read")
@role_required(RECRUITER)
def read_all():
    """Mark every update read."""
    if ButtonForm().validate_on_submit():
        count = services.mark_all_read(current_user)
        db.session.commit()
        flash(f"{count} update{'s' if count != 1 else ''} marked read.", "success")
    return redirect(url_for("inbox.index"))
