"""Field helpers shared by several forms."""

from flask_wtf import FlaskForm
from wtforms.validators import ValidationError

from journal.domain.entries import is_web_address, split_list


def strip(value):
    """Trim surrounding whitespace from text input."""
    return value.strip() if isinstance(value, str) else value


class ListLength:
    """Validate a comma/line separated list: item count and item length."""

    def __init__(self, max_items: int = 50, max_length: int = 80):
        self.max_items, self.max_length = max_items, max_length

    def __call__(self, form, field):
        items = split_list(field.data)
        if len(items) > self.max_items:
            raise ValidationError(f"Keep it to {self.max_items} items or fewer.")
        too_long = [item for item in items if len(item) > self.max_length]
        if too_long:
            raise ValidationError(f"Each item may have at most {self.max_length} characters.")


def validate_links(form, field):
    """Every line must be an http(s) address."""
    for url in split_list(field.data):
        if not is_web_address(url) or " " in url:
            raise ValidationError(f"“{url[:80]}” is not a web address starting with https://.")
        if len(url) > 300:
            raise ValidationError("Links may have at most 300 characters.")


def drop_nul(value):
    """NUL characters have no place in text and PostgreSQL refuses them: drop them."""
    return value.replace("\x00", "") if isinstance(value, str) else value


class Form(FlaskForm):
    """Base of every form here: text input never carries NUL characters."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            options["filters"] = [drop_nul, *(unbound_field.kwargs.get("filters") or [])]
            return unbound_field.bind(form=form, **options)


class ButtonForm(Form):
    """An empty form for POST-only buttons: it carries the CSRF token and nothing else."""
