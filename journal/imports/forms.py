"""Import forms: the upload, and the column mapping (one menu per column of the file)."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.fields.choices import SelectChoice

from journal.domain.import_rows import FIELDS, mapping_problems
from journal.forms_common import Form, ListLength

COLUMN_CHOICES = [SelectChoice("", "Do not import")] + [SelectChoice(code, label) for code, label in FIELDS]


class UploadForm(Form):
    file = FileField(
        "CSV or vCard file",
        validators=[FileRequired("Choose a .csv or .vcf file to import.")],
        description="A spreadsheet saved as CSV (first row: column names), or a .vcf file "
        "with one or many contact cards.",
    )


class MappingForm(Form):
    """Built per file by ``mapping_form``: fields column_0 … column_n, plus tags for every contact."""

    add_tags = StringField(
        "Tag every imported contact",
        validators=[ListLength(max_items=5, max_length=60)],
        description="Optional, e.g. “imported November 2026”: lets you find this import later.",
    )

    def columns(self):
        return [field for field in self if field.name.startswith("column_")]

    def mapping(self) -> list[str]:
        return [field.data or "" for field in self.columns()]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        problems = mapping_problems(self.mapping())
        if problems:
            self.form_errors.extend(problems)
        return valid and not problems


def mapping_form(headings: list[str], mapping: list[str], **kwargs) -> MappingForm:
    """A mapping form for these column headings, preset to ``mapping``."""

    class ForThisFile(MappingForm):
        pass

    for index, heading in enumerate(headings):
        setattr(
            ForThisFile,
            f"column_{index}",
            SelectField(heading or f"Column {index + 1}", choices=COLUMN_CHOICES, default=mapping[index]),
        )
    return ForThisFile(**kwargs)
