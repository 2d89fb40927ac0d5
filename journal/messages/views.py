"""The candidate's "From my recruiters" page, and replies."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from journal.auth.sessions import role_required
from journal.database import write_transaction
from journal.extensions import db
from journal.forms_common import ButtonForm, Form, strip
from journal.messages import services
from journal.models import CANDIDATE
from journal.recruiters.services import NothingToNotify, notify_recruiters

bp = Blueprint("messages", __name__, url_prefix="/messages")


class ReplyForm(Form):
    body = TextAreaField("Your reply", validators=[DataRequired("Write a reply."), Length(max=5000)], filters=[strip])


@bp.get("")
@role_required(CANDIDATE)
def index():
    """Messages from recruiters, newest first; the unread ones are marked, then count as read."""
    messages = services.messages_for(current_user)
    unread = {m.id for m, _ in messages if m.read_at is None}
    if unread:
        with write_transaction():
            services.mark_read(current_user)
    return render_template("messages/index.html", messages=messages, unread=unread, form=ReplyForm(formdata=None))


@bp.post("/<int:message_id>/reply")
@role_required(CANDIDATE)
def reply(message_id: int):
    """Answer a recruiter; the reply shows on their contact page."""
    original = services.message_to(current_user, message_id)
    form = ReplyForm()
    if form.validate_on_submit():
        services.reply(current_user, original, form.body.data)
        db.session.commit()
        flash("Reply sent.", "success")
    else:
        flash("Write a reply before sending.", "error")
    return redirect(url_for("messages.index"))


@bp.post("/<int:message_id>/confirm")
@role_required(CANDIDATE)
def confirm(message_id: int):
    """ "My details are current": one update to every linked recruiter, sent once however often clicked."""
    request = services.message_to(current_user, message_id)
    if ButtonForm().validate_on_submit():
        try:
            notify_recruiters(current_user, f"confirm-{request.id}", "My details are current.")
        except NothingToNotify:
            flash("You have no recruiters linked any more, so there is nobody to tell.", "error")
            return redirect(url_for("messages.index"))
        services.answer_confirm(current_user, request)
        db.session.commit()
        flash("Thank you: your recruiters now see your details confirmed as current.", "success")
    return redirect(url_for("messages.index"))
