"""Forms of the candidate's Recruiters page."""

import uuid

import sqlalchemy as sa
from wtforms import EmailField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, ValidationError

from journal.auth.forms import normalise_email
from journal.extensions import db
from journal.forms_common import Form, strip
from journal.models import RecruiterLink


class AddRecruiterForm(Form):
    name = StringField(
        "Recruiter's name", validators=[DataRequired("Enter the recruiter's name."), Length(max=120)], filters=[strip]
    )
    email = EmailField(
        "Recruiter's email",
        validators=[
            DataRequired("Enter the recruiter's email."),
            Length(max=254),
            Email("Enter a valid email address."),
        ],
        filters=[normalise_email],
    )
    firm = StringField("Firm", validators=[Length(max=120)], filters=[strip])

    def __init__(self, candidate, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidate = candidate

    def validate_email(self, field):
        own = {self.candidate.email, self.candidate.profile.email}
        if field.data in own:
            raise ValidationError("That is your own email. Enter your recruiter's address.")
        taken = db.session.scalar(
            sa.select(RecruiterLink.id).where(
                RecruiterLink.candidate_id == self.candidate.id, RecruiterLink.email == field.data
            )
        )
        if taken:
            raise ValidationError("This recruiter is already on your list.")


class NotifyForm(Form):
    note = TextAreaField(
        "Add a note",
        validators=[Length(max=2000)],
        filters=[strip],
        description="Optional. Every recruiter gets the same note.",
    )
    # One key per rendered form: a double click or a resubmission sends one update.
    idempotency_key = HiddenField(validators=[DataRequired("Reload the page and try again."), Length(max=64)])


def fresh_notify_form() -> NotifyForm:
    """A notify form with a new idempotency key: one per rendering of the button."""
    return NotifyForm(data={"idempotency_key": uuid.uuid4().hex}, formdata=None)
