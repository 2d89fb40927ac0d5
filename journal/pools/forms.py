"""Pool forms."""

from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Optional

from journal.forms_common import Form, strip


class PoolForm(Form):
    name = StringField(
        "Pool", validators=[DataRequired("Name the pool, e.g. Silver medalists."), Length(max=80)], filters=[strip]
    )
    reengage_on = DateField(
        "Re-engage on", validators=[Optional()], description="Optional: the contact shows up in Follow-ups on that day."
    )
