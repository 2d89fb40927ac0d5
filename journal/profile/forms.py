"""The profile form."""

from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from journal.auth.forms import normalise_email
from journal.domain.entries import PHONE_PATTERN
from journal.forms_common import Form, ListLength, strip, validate_links

STATUS_CHOICES = [
    ("open", "Open to offers"),
    ("looking", "Actively looking"),
    ("not_looking", "Not looking"),
]


class ProfileForm(Form):
    name = StringField("Name", validators=[DataRequired("Enter your name."), Length(max=120)], filters=[strip])
    email = EmailField(
        "Email",
        validators=[
            DataRequired("Enter the email recruiters should use."),
            Length(max=254),
            Email("Enter a valid email address."),
        ],
        filters=[normalise_email],
        description="The address recruiters should use. Your login email does not change.",
    )
    phone = StringField(
        "Phone",
        validators=[
            Optional(),
            Length(max=40),
            Regexp(PHONE_PATTERN, message="Use digits, spaces and + ( ) - . only."),
        ],
        filters=[strip],
    )
    location = StringField("Location", validators=[Length(max=120)], filters=[strip])
    headline = StringField("Headline", validators=[Length(max=200)], filters=[strip])
    title = StringField("Current title", validators=[Length(max=120)], filters=[strip])
    employer = StringField("Current employer", validators=[Length(max=120)], filters=[strip])
    industries = StringField(
        "Industries", validators=[ListLength()], description="Separate with commas, e.g. automotive, fintech."
    )
    skills = StringField("Skills", validators=[ListLength(max_items=100)], description="Separate with commas.")
    links = TextAreaField("Links", validators=[validate_links], description="One web address per line.")
    status = SelectField("Job-search status", choices=[SelectChoice(code, label) for code, label in STATUS_CHOICES])
