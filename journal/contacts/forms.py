"""Contact forms: the candidate-owned fields (manual edits) and the recruiter's own fields."""

from wtforms import EmailField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from journal.auth.forms import normalise_email
from journal.forms_common import Form, ListLength, strip
from journal.models import CONTACT_KINDS, STAGES
from journal.profile.forms import STATUS_CHOICES, ProfileForm


class ContactFieldsForm(ProfileForm):
    """The candidate-owned fields, as a recruiter edits them: email optional, status may be unknown."""

    name = StringField("Name", validators=[DataRequired("Enter the contact's name."), Length(max=120)], filters=[strip])
    email = EmailField(
        "Email",
        validators=[Optional(), Length(max=254), Email("Enter a valid email address.")],
        filters=[normalise_email],
    )
    title = StringField("Title", validators=[Length(max=120)], filters=[strip])
    employer = StringField("Employer", validators=[Length(max=120)], filters=[strip])
    status = SelectField(
        "Job-search status",
        choices=[SelectChoice("", "Unknown")] + [SelectChoice(code, label) for code, label in STATUS_CHOICES],
    )


class RecruiterFieldsForm(Form):
    """What only the recruiter writes: an update never changes these."""

    notes = TextAreaField("Notes", validators=[Length(max=20000)])
    tags = StringField(
        "Tags",
        validators=[ListLength(max_items=30, max_length=60)],
        description="Separate with commas, e.g. silver medalist, sales leaders.",
    )
    kind = SelectField("Kind of contact", choices=[SelectChoice(code, label) for code, label in CONTACT_KINDS])
    stage = SelectField("Pipeline stage", choices=[SelectChoice(code, label) for code, label in STAGES])
    cadence_days = IntegerField(
        "Follow-up cadence (days)",
        validators=[Optional(), NumberRange(min=1, max=365)],
        description="Leave empty for no follow-ups.",
    )


class NewContactForm(ContactFieldsForm, RecruiterFieldsForm):
    """A contact typed in by hand."""
