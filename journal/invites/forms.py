"""The invite form."""

from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from journal.forms_common import Form, strip

EXPIRY_CHOICES = [
    SelectChoice("", "Never"),
    SelectChoice("7", "7 days"),
    SelectChoice("30", "30 days"),
    SelectChoice("90", "90 days"),
]


class InviteForm(Form):
    label = StringField(
        "Label",
        validators=[Length(max=120)],
        filters=[strip],
        description="Optional, for you: where you will share this link.",
    )
    expires = SelectField("Expires after", choices=EXPIRY_CHOICES)
