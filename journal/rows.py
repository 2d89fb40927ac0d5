"""Rows of the busiest lists: read as the database driver returns them, each rendered once per
process for the values it shows.

A row of the Inbox or of the contact list is a pure function of its columns, so its HTML is
kept in an LRU keyed by every one of them (and by the values the template shares between
rows). The key is the stored form: the text SQLite keeps for a date or a JSON list. Turning
that text into Python values (SQLAlchemy's result processing) took as long as the query, and
is now done only for a row that is rendered for the first time, by the columns' own types.
"""
from __future__ import annotations

import json
from decimal import Decimal
from functools import lru_cache
from typing import Any, Iterable, Sequence

import sqlalchemy as sa
from flask import current_app
from markupsafe import Markup

from journal.extensions import db

ROWS_KEPT = 20_000  # rows of about 0.5 KB: 10 MB at most per process


class StoredColumns:
    """Columns read as the database driver returns them, decoded later by their own types."""

    def __init__(self, *columns: sa.ColumnElement):
        self.names = tuple(column.key for column in columns)
        self.types = tuple(column.type for column in columns)
        # the same columns without result processing: the driver's values, hashable as they come
        self.columns = tuple(sa.type_coerce(_as_stored(column), sa.types.NULLTYPE).label(column.key)
                             for column in columns)
        self._decoders: dict[str, tuple] = {}

    def select(self) -> sa.Select:
        return sa.select(*self.columns)

    def decoded(self, dialect_name: str, values: Sequence[Any]) -> dict[str, Any]:
        """A stored row as Python reads it: each value through its column type's result processor."""
        decoders = self._decoders.get(dialect_name)
        if decoders is None:
            dialect = db.engine.dialect
            decoders = self._decoders[dialect_name] = tuple(
                json.loads if isinstance(kind, sa.JSON) else Decimal if _is_decimal(kind)
                else kind.dialect_impl(dialect).result_processor(dialect, None) for kind in self.types)
        return {name: decode(value) if decode and value is not None else value
                for name, decode, value in zip(self.names, decoders, values)}


def _as_stored(column: sa.ColumnElement) -> sa.ColumnElement:
    """JSON and decimals as their text on every driver: psycopg would decode JSON into lists,
    which cannot be keys, and its decimal result processor needs the cursor's column type."""
    return sa.cast(column, sa.Text) if isinstance(column.type, sa.JSON) or _is_decimal(column.type) else column


def _is_decimal(kind: sa.types.TypeEngine) -> bool:
    return isinstance(kind, sa.Numeric) and not isinstance(kind, sa.Float) and kind.asdecimal


class RowList(StoredColumns):
    """The columns one row of a list shows, and the template (which sees them as ``row``) that renders it."""

    def __init__(self, template: str, *columns: sa.ColumnElement):
        super().__init__(*columns)
        self.template = template

    def html(self, rows: Iterable[Sequence[Any]], **shared: Any) -> Markup:
        """Each row (its first values are this list's columns, as selected by ``select``), rendered in order."""
        dialect_name = db.engine.dialect.name
        common = tuple(sorted(shared.items()))
        # each row's HTML is Markup already: joined as text, not escaped once more
        count = len(self.names)
        return Markup("".join([_row(self, dialect_name, common, tuple(row[:count])) for row in rows]))


@lru_cache(maxsize=ROWS_KEPT)
def _row(rows: RowList, dialect_name: str, common: tuple, values: tuple) -> Markup:
    template = current_app.jinja_env.get_template(rows.template)
    return Markup(template.render(row=rows.decoded(dialect_name, values), **dict(common)))
