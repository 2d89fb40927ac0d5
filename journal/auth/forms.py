"""Sign-up and log-in forms."""

import sqlalchemy as sa
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Email, Length, ValidationError

from journal.domain.passwords import MAX_LENGTH, password_problem
from journal.extensions import db
from journal.forms_common import Form
from journal.models import CANDIDATE, RECRUITER, User


def normalise_email(value: str | None) -> str | None:
    """Emails are compared and stored lower-cased and trimmed."""
    return value.strip().lower() if isinstance(value, str) else value


class SignupForm(Form):
    name = StringField(
        "Name",
        validators=[DataRequired("Enter your name."), Length(max=120)],
        filters=[lambda v: v.strip() if v else v],
    )
    email = EmailField(
        "Email",
        validators=[DataRequired("Enter your email."), Length(max=254), Email("Enter a valid email address.")],
        filters=[normalise_email],
    )
    password = PasswordField("Password", validators=[DataRequired("Choose a password.")])
    role = RadioField(
        "I am a",
        choices=[SelectChoice(CANDIDATE, "Candidate"), SelectChoice(RECRUITER, "Recruiter")],
        validators=[DataRequired("Choose Candidate or Recruiter.")],
    )

    def validate_email(self, field):
        if db.session.scalar(sa.select(User.id).where(User.email == field.data)):
            raise ValidationError("An account with this email already exists. Log in instead.")

    def validate_password(self, field):
        problem = password_problem(field.data or "", email=self.email.data or "", name=self.name.data or "")
        if problem:
            raise ValidationError(problem)


class LoginForm(Form):
    email = EmailField(
        "Email", validators=[DataRequired("Enter your email."), Length(max=254)], filters=[normalise_email]
    )
    password = PasswordField("Password", validators=[DataRequired("Enter your password."), Length(max=MAX_LENGTH)])


class ForgotPasswordForm(Form):
    email = EmailField(
        "Email",
        validators=[DataRequired("Enter your email."), Length(max=254), Email("Enter a valid email address.")],
        filters=[normalise_email],
    )


class NewPasswordForm(Form):
    """A new password for an account whose email and name the password may not repeat."""

    password = PasswordField("New password", validators=[DataRequired("Choose a password.")])

    def __init__(self, user: User, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def validate_password(self, field):
        problem = password_problem(field.data or "", email=self.user.email, name=self.user.name)
        if problem:
            raise ValidationError(problem)
