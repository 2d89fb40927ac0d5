"""Forms for touches, messages and check-ins."""

from wtforms import SelectField, SelectMultipleField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from journal.followups.services import CHECK_IN
from journal.forms_common import Form, strip
from journal.models import TOUCH_KINDS


class TouchForm(Form):
    kind = SelectField("Kind", choices=[SelectChoice(code, label) for code, label in TOUCH_KINDS])
    note = TextAreaField("Note", validators=[Length(max=5000)], filters=[strip])


class MessageForm(Form):
    body = TextAreaField("Message", validators=[DataRequired("Write a message."), Length(max=5000)], filters=[strip])


class ChooseContactsForm(Form):
    contact_ids = SelectMultipleField("Contacts", coerce=int, validators=[DataRequired("Tick at least one contact.")])


class CheckInForm(ChooseContactsForm):
    body = TextAreaField(
        "Message", default=CHECK_IN, validators=[DataRequired("Write a message."), Length(max=5000)], filters=[strip]
    )
