"""Columns read as stored, and the Inbox's row memo.

``StoredColumns`` lets the notify merge read contacts as the driver returns them and decode each
distinct stored state once. ``RowList`` keeps the HTML of each Inbox row, keyed by the values it
shows: a row is a pure function of its columns, the viewer's time zone and the script root. The
memoised rows are rendered in a restricted Jinja environment that has the app's filters and
``url_for`` but no ``request``, ``session``, ``g``, ``csrf_token`` or ``current_user``, so one
user's data or token can never end up in HTML served to another.
"""

from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable, Sequence

import jinja2
import sqlalchemy as sa
from flask import Flask, current_app, has_request_context, request, url_for
from markupsafe import Markup

from journal.extensions import db

ROWS_KEPT = 20_000  # rows of about 0.5 KB: 10 MB at most per process
ROW_GLOBALS = ("url_for",)  # the only globals a memoised row template may use, beside its own variables


class StoredColumns:
    """Columns read as the database driver returns them, decoded later by their own types."""

    def __init__(self, *columns: sa.ColumnElement):
        self.names = tuple(column.key for column in columns)
        self.types = tuple(column.type for column in columns)
        # the same columns without result processing: the driver's values, hashable as they come
        self.columns = tuple(
            sa.type_coerce(_as_stored(column), sa.types.NULLTYPE).label(column.key) for column in columns
        )
        self._decoders: dict[str, tuple] = {}

    def select(self) -> sa.Select:
        return sa.select(*self.columns)

    def decoded(self, dialect_name: str, values: Sequence[Any]) -> dict[str, Any]:
        """A stored row as Python reads it: each value through its column type's result processor."""
        decoders = self._decoders.get(dialect_name)
        if decoders is None:
            dialect = db.engine.dialect
            decoders = self._decoders[dialect_name] = tuple(
                json.loads
                if isinstance(kind, sa.JSON)
                else Decimal
                if _is_decimal(kind)
                else kind.dialect_impl(dialect).result_processor(dialect, None)
                for kind in self.types
            )
        return {
            name: decode(value) if decode and value is not None else value
            for name, decode, value in zip(self.names, decoders, values)
        }


def _as_stored(column: sa.ColumnElement) -> sa.ColumnElement:
    """JSON and decimals as their text on every driver: psycopg would decode JSON into lists,
    which cannot be keys, and its decimal result processor needs the cursor's column type."""
    return sa.cast(column, sa.Text) if isinstance(column.type, sa.JSON) or _is_decimal(column.type) else column


def _is_decimal(kind: sa.types.TypeEngine) -> bool:
    return isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float) and kind.asdecimal


def row_environment(app: Flask) -> jinja2.Environment:
    """The app's template loader and filters, and of its globals only ``url_for``."""
    env = app.extensions.get("row_templates")
    if env is None:
        env = jinja2.Environment(
            loader=app.jinja_env.loader,
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            auto_reload=app.jinja_env.auto_reload,
        )
        env.filters.update(app.jinja_env.filters)
        env.globals = {"url_for": url_for}
        app.extensions["row_templates"] = env
    return env


class RowList(StoredColumns):
    """The columns one row of a list shows, and the template (which sees them as ``row``) that renders it."""

    def __init__(self, template: str, *columns: sa.ColumnElement):
        super().__init__(*columns)
        self.template = template

    def html(self, rows: Iterable[Sequence[Any]], **shared: Any) -> Markup:
        """Each row (its first values are this list's columns, as selected by ``select``), rendered
        in order; ``shared`` values (strings: the viewer's zone) are part of every row's key."""
        template = row_environment(current_app).get_template(self.template)  # a new object once edited
        root = request.script_root if has_request_context() else ""
        common = (root, db.engine.dialect.name, tuple(sorted(shared.items())))
        count = len(self.names)
        # each row's HTML is Markup already: joined as text, not escaped once more
        return Markup("".join([_row(self, template, common, tuple(row[:count])) for row in rows]))


@lru_cache(maxsize=ROWS_KEPT)
def _row(rows: RowList, template: jinja2.Template, common: tuple, values: tuple) -> Markup:
    _root, dialect_name, shared = common
    return Markup(template.render(row=rows.decoded(dialect_name, values), **dict(shared)))
