"""Journal entry and import forms."""

from datetime import date

from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from journal.domain.entries import KINDS, KINDS_BY_CODE
from journal.forms_common import Form, strip


class EntryForm(Form):
    kind = SelectField("Kind", choices=[SelectChoice(k.code, k.label) for k in KINDS])
    date = DateField("Date", validators=[InputRequired("Enter a date (YYYY-MM-DD).")])
    title = StringField("Title", validators=[DataRequired("Give the entry a title."), Length(max=200)], filters=[strip])
    employer = StringField(
        "Employer",
        validators=[Length(max=120)],
        filters=[strip],
        description="For roles and promotions; the school or issuer for education and certifications.",
    )
    amount = DecimalField(
        "Amount", places=2, validators=[Optional(), NumberRange(min=0, max=10**11)], description="Raises only."
    )
    currency = StringField(
        "Currency",
        validators=[Optional(), Regexp(r"^[A-Za-z]{3}$", message="Use a three-letter code such as EUR or USD.")],
        filters=[lambda v: v.strip().upper() if v else v],
    )
    details = TextAreaField("Details", validators=[Length(max=20000)], description="Markdown is supported.")
    shared = BooleanField("Share with my recruiters")
    shown_for = HiddenField()
    update_profile = BooleanField("Make this my current title and employer")

    def validate_date(self, field):
        if field.data and not date(1900, 1, 1) <= field.data <= date(2100, 12, 31):
            raise ValidationError("Enter a date between 1900 and 2100.")

    def validate_amount(self, field):
        kind = KINDS_BY_CODE.get(self.kind.data)
        if field.data is not None and kind is not None and not kind.has_amount:
            raise ValidationError("Amounts are kept on raises only: clear this field or choose Raise.")

    def validate(self, extra_validators=None):
        """Field checks, then the one rule spanning two fields: an amount needs its currency."""
        valid = super().validate(extra_validators)
        if self.amount.data is not None and not self.amount.errors and not self.currency.data:
            self.currency.errors.append("Give the currency of the amount, such as EUR or USD.")
            valid = False
        return valid


class ImportForm(Form):
    file = FileField("JSON Resume file", validators=[FileRequired("Choose a .json file to import.")])
