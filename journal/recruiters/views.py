"""The candidate's Recruiters page, one-click notify, and the Updates page."""

import uuid

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from journal.auth.sessions import role_required
from journal.extensions import db
from journal.http import confirmed
from journal.models import CANDIDATE
from journal.outbox.enqueue import email_states
from journal.recruiters import services
from journal.recruiters.forms import AddRecruiterForm, NotifyForm, fresh_notify_form

bp = Blueprint("recruiters", __name__)


def _page(add_form=None, send_form=None, status=200):
    links = services.links_of(current_user)
    preview, _ = services.compose(current_user, update_id=str(uuid.uuid4()))
    last = services.last_deliveries(links)
    return render_template(
        "recruiters/index.html",
        links=links,
        last=last,
        emails=email_states([d.id for d in last.values()]),
        add_form=add_form or AddRecruiterForm(current_user, formdata=None),
        notify_form=send_form or fresh_notify_form(),
        preview=preview.document,
    ), status


@bp.get("/recruiters")
@role_required(CANDIDATE)
def index():
    """The list, the preview of the next update, and the button."""
    return _page()


@bp.post("/recruiters")
@role_required(CANDIDATE)
def add():
    """Add a recruiter to the list."""
    form = AddRecruiterForm(current_user)
    if not form.validate_on_submit():
        return _page(add_form=form, status=422)
    try:
        link = services.add_link(current_user, form.name.data, form.email.data, form.firm.data)
        db.session.commit()
    except IntegrityError:  # the same email added a moment ago in another tab
        db.session.rollback()
        form.email.errors.append("This recruiter is already on your list.")
        return _page(add_form=form, status=422)
    flash(
        f"{link.name} added."
        + (
            ""
            if link.recruiter_id
            else " They have no Career Journal account yet: updates wait for them until they join."
        ),
        "success",
    )
    return redirect(url_for("recruiters.index"))


@bp.route("/recruiters/<int:link_id>/remove", methods=["GET", "POST"])
@role_required(CANDIDATE)
def remove(link_id: int):
    """Confirm, then unlink a recruiter."""
    link = services.link_of(current_user, link_id)

    def unlink():
        services.remove_link(current_user, link)
        db.session.commit()
        flash(f"{link.name} removed. They will not receive your updates any more.", "success")
        return redirect(url_for("recruiters.index"))

    return confirmed(
        unlink,
        heading=f"Remove {link.name}?",
        button="Remove recruiter",
        cancel="Keep them",
        text=f"{link.name} ({link.email}) will not receive your future updates. What they already "
        "received stays in their records.",
        cancel_url=url_for("recruiters.index"),
    )


@bp.post("/recruiters/notify")
@role_required(CANDIDATE)
def notify():
    """One click: one update to every linked recruiter, however often the form arrives."""
    form = NotifyForm()
    if not form.validate_on_submit():
        return _page(send_form=form, status=422)
    try:
        update = _notify_once(form.idempotency_key.data, form.note.data or "")
    except services.NothingToNotify:
        flash("Add a recruiter first: there is nobody to notify yet.", "error")
        return redirect(url_for("recruiters.index"))
    except services.NotVerified:
        flash(f"Verify {current_user.email} first: open the link we emailed you. Nothing was sent.", "error")
        return redirect(url_for("recruiters.index"))
    count = services.recipient_count(update)  # counted, not 500 deliveries loaded to count them
    flash(f"Update sent to {count} recruiter{'s' if count != 1 else ''}.", "success")
    return redirect(url_for("recruiters.show_update", update_id=update.id))


def _notify_once(key: str, note: str, attempts: int = 3):
    """Notify, absorbing the races a unique constraint settles: the same key twice, or two sequences at once."""
    for attempt in range(attempts):
        try:
            update = services.notify_recruiters(current_user, key, note)
            db.session.commit()
            return update
        except IntegrityError:
            db.session.rollback()
            existing = services.update_by_key(current_user, key)
            if existing is not None:
                return existing
            if attempt == attempts - 1:
                raise


@bp.get("/updates")
@role_required(CANDIDATE)
def updates():
    """Every update sent, newest first, with each recipient's state."""
    updates = services.updates_of(current_user)
    emails = email_states([d.id for u in updates for d in u.deliveries])
    return render_template("recruiters/updates.html", updates=updates, emails=emails)


@bp.get("/updates/<int:update_id>")
@role_required(CANDIDATE)
def show_update(update_id: int):
    """One update: the document as sent and where it went."""
    update = services.update_of(current_user, update_id)
    emails = email_states([d.id for d in update.deliveries])
    return render_template("recruiters/update.html", update=update, emails=emails)
